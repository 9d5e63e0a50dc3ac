package io.dvdcli;

/**
 * Names the JDK's own NIO selector provider before any channel is opened. Otherwise the JDK looks
 * for a provider among the services of the whole class path first, which opens dvdcli's
 * 3,000-entry jar and reads its index in every call that opens a UNIX socket (a start-up seam: see
 * {@link io.dvdcli.startup}). On Linux the JDK's default is {@code sun.nio.ch.EPollSelectorProvider};
 * it is named only when that class is there and no provider was chosen already, so the provider
 * is the one the JDK would have picked.
 */
final class JdkSelectorProvider {
  static final String PROPERTY = "java.nio.channels.spi.SelectorProvider";
  static final String LINUX_DEFAULT = "sun.nio.ch.EPollSelectorProvider";

  private JdkSelectorProvider() {}

  static void choose() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    try {
      Class<?> provider = Class.forName(LINUX_DEFAULT, false, ClassLoader.getPlatformClassLoader());
      if (java.nio.channels.spi.SelectorProvider.class.isAssignableFrom(provider)) {
        System.setProperty(PROPERTY, LINUX_DEFAULT);
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      // another platform or JDK: the JDK finds its provider the usual way
    }
  }
}
