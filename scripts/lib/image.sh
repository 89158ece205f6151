# Sourced by scripts: the version and the paths of the packaged image.
project_version() {
  sed -n 's:.*<product.version>\(.*\)</product.version>.*:\1:p' pom.xml | head -n 1
}
VERSION=$(project_version)
TARBALL="jlink/target/delta-s3-proxy-$VERSION-linux-x64.tar.gz"
IMAGE_DIR="jlink/target/image/delta-s3-proxy-$VERSION"

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

wait_for_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}
