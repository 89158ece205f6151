/** The Delta partition index: reads {@code _delta_log} through Delta Kernel on the object store SPI. */
module proxy.delta {
    requires proxy.api;
    requires delta.kernel.api;
    requires delta.kernel.defaults;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    provides proxy.api.delta.TableIndexProvider with proxy.delta.DeltaIndexProvider;
}
