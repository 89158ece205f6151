#!/usr/bin/env perl
# Part of scripts/dev/house-renames (issue 15): derives module-info.java, pom.xml, META-INF/services and READMEs of
# proxy.accessdb, proxy.auth and proxy.authz from what the three hold once the packages have moved, and patches the
# parent pom, the poms that depend on proxy.authz and the README's module table. Idempotent.
#   perl house-renames-split.pl modules        # after the moves
#   perl house-renames-split.pl --readme README.md
use strict;
use warnings;
use File::Find;
use File::Path qw(make_path);

my %DOC = (
    'proxy.accessdb' => "The access database that the credential and policy stores read and the admin commands write:\n"
        . " * opening it ({\@code serve} read-only), its versioned schema and migrations, snapshots re-read every\n"
        . " * {\@code refreshSeconds}, and the sealing of secrets. Exported only to the modules that use it.",
    'proxy.auth' => "Authentication: SigV4 (header and presigned) and {\@code none}, over the credential stores (config\n"
        . " * users, the access database).",
    'proxy.authz' => "Authorization: the policy stores (config, jdbc), the deny-by-default partition authorizer, the grants\n"
        . " * of the filtered log, and the administration of the access database (users, keys, grants, secrets).",
);
my %DESCRIPTION = (
    'proxy.accessdb' => 'The access database: connection, schema and migrations, refreshing snapshots, sealed secrets.',
    'proxy.auth' => 'Authentication: SigV4 (header, presigned) and none, over the credential stores.',
    'proxy.authz' => 'Authorization: policy stores (config, jdbc), the partition authorizer, access administration.',
);
my @THREE = ('proxy.accessdb', 'proxy.auth', 'proxy.authz');

sub slurp { my ($f) = @_; open(my $h, '<', $f) or return undef; local $/; my $s = <$h>; close $h; return $s; }
sub spew {
    my ($f, $s) = @_;
    my $old = slurp($f);
    return if defined $old && $old eq $s;
    make_path($1) if $f =~ m{^(.*)/[^/]+$};
    open(my $h, '>', $f) or die "$f: $!";
    print $h $s;
    close $h;
    print "house-renames: wrote $f\n";
}

sub sources {    # the Java code of one source set of a module, without comments and module-info
    my ($dir) = @_;
    my $all = '';
    return $all unless -d $dir;
    find(sub { $all .= slurp($_) . "\n" if /\.java$/ && $_ ne 'module-info.java' && -f $_ }, $dir);
    $all =~ s{/\*.*?\*/}{}gs;
    $all =~ s{//[^\n]*}{}g;
    return $all;
}

sub uses_module {    # whether Java text names a package of module $m (proxy.auth. is not proxy.authz.)
    my ($text, $m) = @_;
    return $text =~ /\b\Q$m\E\.[a-z]*[A-Za-z]/;
}

if ($ARGV[0] eq '--readme') {
    my $readme = $ARGV[1];
    my $s = slurp($readme) // die "no $readme";
    my $rows = join('',
        "| `proxy.accessdb` | the access database both stores read and the admin commands write: connection, schema and"
            . " migrations, refreshing snapshots, sealed secrets | exported only to `proxy.auth` and `proxy.authz`: a leaf"
            . " both depend on, so neither depends on the other for it |\n",
        "| `proxy.auth` | authentication: SigV4 (header, presigned), `none`, the credential stores | who is asking |\n",
        "| `proxy.authz` | authorization: policy stores (`config`, `jdbc`), the partition authorizer, `LogGrants`, and the"
            . " admin commands (users, keys, grants, secrets) | what they may read; admin writes grants (its own"
            . " `PermissionsTable`) and keys (sealed by `proxy.accessdb`), so it needs nothing of `proxy.auth`, whose"
            . " tests use it to create keys |\n");
    if ($s !~ /^\| `proxy\.accessdb` \|/m && $s =~ s/^\| `proxy\.authz` \|[^\n]*\n/$rows/m) {
        spew($readme, $s);
    }
    exit 0;
}

my $M = $ARGV[0];
my %dir = map { $_ => "$M/$_" } @THREE;
my (%main, %test);
for my $m (@THREE) {
    $main{$m} = sources("$dir{$m}/src/main/java");
    $test{$m} = sources("$dir{$m}/src/test/java");
}

# ---- module-info.java
my (%requires, %provides, %other);
for my $m (@THREE) {
    my $mi = slurp("$dir{$m}/src/main/java/module-info.java") // next;
    $mi =~ s{/\*.*?\*/}{}gs;
    while ($mi =~ /\b(requires\s+(?:transitive\s+|static\s+)*([\w.]+)\s*;)/g) { $requires{$2} //= $1; }
    while ($mi =~ /\bprovides\s+([\w.]+)\s+with\s+([^;]+);/g) {
        my $svc = $1;
        $provides{$svc}{$_} = 1 for map { s/\s+//gr } split /,/, $2;
    }
    while ($mi =~ /^\s*((?:uses|opens|exports)\b[^;]*;)/mg) {
        my $d = $1;
        push @{$other{$m}}, $d unless $m eq 'proxy.accessdb' && $d =~ /^exports/;
    }
}
sub owner {    # the module of a class by its package
    my ($fqn) = @_;
    return 'proxy.accessdb' if $fqn =~ /^proxy\.accessdb\./;
    return 'proxy.auth' if $fqn =~ /^proxy\.auth\./;
    return 'proxy.authz' if $fqn =~ /^proxy\.authz\./;
    return undef;
}
for my $m (@THREE) {
    next unless -d "$dir{$m}/src/main/java";
    my %mine;
    for my $n (keys %requires) {
        next if $n eq $m;
        next if $n =~ /^proxy\./ && !uses_module($main{$m}, $n);
        $mine{$n} = $requires{$n};
    }
    for my $n (@THREE) {
        $mine{$n} //= "requires $n;" if $n ne $m && uses_module($main{$m}, $n);
    }
    my @lines = map { "    $mine{$_}" } sort keys %mine;
    my @users = grep { $_ ne $m && uses_module($main{$_}, $m) } @THREE;
    my @directives = @{$other{$m} // []};
    if ($m eq 'proxy.accessdb' && @users) {
        push @directives, "exports proxy.accessdb to " . join(', ', @users) . ";";
    }
    my @prov;
    for my $svc (sort keys %provides) {
        my @impls = sort grep { (owner($_) // '') eq $m } keys %{$provides{$svc}};
        push @prov, "    provides $svc with " . join(",\n            ", @impls) . ";" if @impls;
    }
    my $body = join("\n", @lines);
    $body .= "\n\n" . join("\n", map { "    $_" } @directives) if @directives;
    $body .= "\n\n" . join("\n", @prov) if @prov;
    spew("$dir{$m}/src/main/java/module-info.java", "/**\n * $DOC{$m}\n */\nmodule $m {\n$body\n}\n");
}

# ---- META-INF/services
my %impls;    # service => { impl => 1 }
for my $m (@THREE) {
    my $d = "$dir{$m}/src/main/resources/META-INF/services";
    next unless -d $d;
    opendir(my $h, $d) or next;
    for my $svc (grep { !/^\./ } readdir $h) {
        for my $line (split /\n/, slurp("$d/$svc")) {
            $line =~ s/#.*//; $line =~ s/\s+//g;
            $impls{$svc}{$line} = 1 if length $line;
        }
    }
    closedir $h;
}
for my $m (@THREE) {
    next unless -d "$dir{$m}/src/main/java";
    for my $svc (sort keys %impls) {
        my @mine = sort grep { (owner($_) // '') eq $m } keys %{$impls{$svc}};
        my $f = "$dir{$m}/src/main/resources/META-INF/services/$svc";
        if (@mine) { spew($f, join("\n", @mine) . "\n"); }
        elsif (-e $f) { system('git', 'rm', '-q', '-f', $f) == 0 or unlink $f; print "house-renames: removed $f\n"; }
    }
}

# ---- pom.xml
my (%dep, @deporder);    # "group:artifact" => block text (with its leading comment)
for my $m (@THREE) {
    my $pom = slurp("$dir{$m}/pom.xml") // next;
    my ($deps) = $pom =~ m{<dependencies>\n(.*?)\n?\s*</dependencies>}s;
    next unless $deps;
    while ($deps =~ m{((?:[ \t]*<!--.*?-->\n)*[ \t]*<dependency>.*?</dependency>\n?)}gs) {
        my $block = $1;
        my ($g) = $block =~ m{<groupId>([^<]+)</groupId>};
        my ($a) = $block =~ m{<artifactId>([^<]+)</artifactId>};
        my $k = "$g:$a";
        next if $dep{$k};
        $block .= "\n" unless $block =~ /\n$/;
        $dep{$k} = $block;
        push @deporder, $k;
    }
}
sub dependency_block {
    my ($a, $scope) = @_;
    my $s = $scope ? "\n      <scope>$scope</scope>" : '';
    return "    <dependency>\n      <groupId>io.deltas3proxy</groupId>\n      <artifactId>$a</artifactId>$s\n    </dependency>\n";
}
my $template = slurp("$dir{'proxy.authz'}/pom.xml") // die "no proxy.authz pom";
for my $m (@THREE) {
    next unless -d "$dir{$m}/src/main/java";
    my @blocks;
    for my $k (@deporder) {
        my ($g, $a) = split /:/, $k;
        my $block = $dep{$k};
        my $testScope = $block =~ m{<scope>test</scope>};
        if ($g eq 'io.deltas3proxy') {
            next if $a eq $m;
            my $inMain = uses_module($main{$m}, $a);
            next unless $inMain || uses_module($test{$m}, $a);
            $block = dependency_block($a, $inMain ? '' : 'test') if ($inMain ? 1 : 0) == ($testScope ? 1 : 0);
        } elsif ($testScope) {
            next unless $test{$m} =~ /\b\Q$g\E\./;
        }
        push @blocks, $block;
    }
    for my $a (@THREE) {
        next if $a eq $m || $dep{"io.deltas3proxy:$a"};
        my $inMain = uses_module($main{$m}, $a);
        push @blocks, dependency_block($a, $inMain ? '' : 'test') if $inMain || uses_module($test{$m}, $a);
    }
    my $pom = $template;
    $pom =~ s{<artifactId>proxy\.authz</artifactId>\n(\s*)<name>proxy\.authz</name>}{<artifactId>$m</artifactId>\n$1<name>$m</name>};
    $pom =~ s{<description>.*?</description>}{<description>$DESCRIPTION{$m}</description>}s;
    my $deps = join('', @blocks);
    $deps =~ s/\n$//;
    $pom =~ s{(<dependencies>\n).*?(\s*</dependencies>)}{$1$deps$2}s;
    spew("$dir{$m}/pom.xml", $pom);
}

# ---- the parent pom and the poms that depend on proxy.authz
my $parent = slurp('pom.xml');
for my $m ('proxy.accessdb', 'proxy.auth') {
    $parent =~ s{^(\s*)<module>modules/proxy\.authz</module>}{$1<module>modules/$m</module>\n$1<module>modules/proxy.authz</module>}m
        unless $parent =~ m{<module>modules/\Q$m\E</module>};
    $parent =~ s{^([ \t]*)<dependency>(\s*)<groupId>io\.deltas3proxy</groupId>(\s*)<artifactId>proxy\.authz</artifactId>}
                {$1<dependency>$2<groupId>io.deltas3proxy</groupId>$3<artifactId>$m</artifactId>$3<version>\${project.version}</version>\n$1</dependency>\n$1<dependency>$2<groupId>io.deltas3proxy</groupId>$3<artifactId>proxy.authz</artifactId>}m
        unless $parent =~ m{<artifactId>\Q$m\E</artifactId>};
}
spew('pom.xml', $parent);
my @poms;
find(sub { push @poms, $File::Find::name if $_ eq 'pom.xml' && $File::Find::name !~ m{/target/} }, $M);
for my $f (sort @poms) {
    next if grep { $f eq "$dir{$_}/pom.xml" } @THREE;
    my $pom = slurp($f);
    next unless $pom =~ m{(\s*<dependency>\s*<groupId>io\.deltas3proxy</groupId>\s*<artifactId>proxy\.authz</artifactId>(?:(?!</dependency>).)*</dependency>)}s;
    my $block = $1;
    for my $m ('proxy.accessdb', 'proxy.auth') {
        next if $pom =~ m{<artifactId>\Q$m\E</artifactId>};
        (my $copy = $block) =~ s{proxy\.authz}{$m};
        $pom =~ s{\Q$block\E}{$block$copy};
    }
    spew($f, $pom);
}

# ---- package-info and module READMEs
spew("$dir{'proxy.auth'}/src/main/java/proxy/auth/package-info.java",
    "/**\n * Authentication: {\@code none} ({\@link proxy.auth.NoAuthenticatorProvider}) here, SigV4 in {\@code sigv4},"
    . " the\n * credential stores it checks signatures against in {\@code credentials}.\n */\npackage proxy.auth;\n")
    if -d "$dir{'proxy.auth'}/src/main/java/proxy/auth" && !-e "$dir{'proxy.auth'}/src/main/java/proxy/auth/package-info.java";
my $azinfo = "$dir{'proxy.authz'}/src/main/java/proxy/authz/package-info.java";
if ((slurp($azinfo) // '') =~ /\{\@code sigv4\}/) {
    spew($azinfo, "/**\n * Authorization by partition grants ({\@link proxy.authz.PartitionAuthorizer}: deny by default, a key is readable iff\n"
        . " * the Delta index places it in a partition some grant matches), the grants of the filtered log ({\@link\n"
        . " * proxy.authz.LogGrants}) and, in sub-packages, the policy stores ({\@code policy}) and the administration of\n"
        . " * principals, keys and grants ({\@code admin}). Authentication is {\@code proxy.auth}'s; the database both read is\n"
        . " * {\@code proxy.accessdb}'s.\n */\npackage proxy.authz;\n");
}
my $azreadme = slurp("$dir{'proxy.authz'}/README.md");
if (defined $azreadme && $azreadme =~ /^## (SigV4|Credentials|Database)/m) {
    my ($head, @sections) = split /^(?=## )/m, $azreadme;
    my %to = ('proxy.auth' => [], 'proxy.accessdb' => [], 'proxy.authz' => []);
    my $oracle = $sections[-1] =~ s/\n(\([^\n]*SigV4[^\n]*)(?:\n|$)/\n/ ? $1 : '';
    for my $sec (@sections) {
        my $m = $sec =~ /^## (SigV4|Credentials)/ ? 'proxy.auth' : $sec =~ /^## Database/ ? 'proxy.accessdb' : 'proxy.authz';
        push @{$to{$m}}, $sec;
    }
    my @rows = grep { /^\| \w+Provider \|/ } split /\n/, $head;
    my %title = (
        'proxy.auth' => "Authentication: SigV4 and `none`, over the credential stores.",
        'proxy.accessdb' => "The access database (exported to `proxy.auth` and `proxy.authz` only): the schema both stores read and"
            . " the admin commands write, and the sealing of secrets (`SecretSealer`).",
        'proxy.authz' => "Authorization: grants, the policy stores, the authorizer, and the admin commands.",
    );
    for my $m (@THREE) {
        my @mine = grep { my $c = /`(proxy\.[\w.]+)`/ ? $1 : ''; (owner($c) // '') eq $m } @rows;
        my $text = "# $m\n\n$title{$m}";
        $text .= " Providers (ServiceLoader, also listed in `META-INF/services`):\n\n| SPI | name | class |\n|---|---|---|\n"
            . join("\n", @mine) if @mine;
        $text .= "\n\n" . join('', @{$to{$m}});
        $text =~ s{\n+$}{\n};
        $text .= "\nTest: `./mvnw -B -o -pl modules/$m -am test -Dsurefire.failIfNoSpecifiedTests=false`\n"
            unless $text =~ /^Test: /m;
        $text .= "$oracle\n" if $m eq 'proxy.auth' && $oracle;
        $text =~ s{-pl modules/proxy\.authz }{-pl modules/$m }g;
        spew("$dir{$m}/README.md", $text) if -d "$dir{$m}/src/main/java";
    }
}
