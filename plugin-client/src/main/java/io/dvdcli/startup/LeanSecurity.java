package io.dvdcli.startup;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * Keeps a call from setting up the JDK's "SUN" security provider, which two JDK steps on the
 * agent's path would otherwise do for nothing: the first UNIX-domain channel seeds a
 * {@code SecureRandom} (only ever drawn from to name sockets bound to no address, which dvdcli never
 * does), and the mount ID is a SHA-256. Setting up "SUN" registers every algorithm it has and costs
 * 10-14 ms of a ~130 ms call (scripts/BENCHMARK.md).
 *
 * <p>For just those two steps, the calling thread sees a provider list of its own (the JDK's
 * {@code sun.security.jca.Providers} thread list, which the JDK itself uses while verifying jars)
 * with one provider that has exactly the two services: the JDK's own SHA-256 class, and a
 * {@code SecureRandom} that becomes a real one from the system's providers the first time it is
 * drawn from. Reaching these JDK classes takes {@code --add-exports} flags ({@link #JVM_FLAGS}),
 * which the launcher passes on JDK 25+ only: there the archive keeps its module graph with them,
 * while on JDK 17 they cost more start-up than they save (scripts/BENCHMARK.md). Without them, or
 * on a JDK where these classes differ, every step runs the usual way, with the same results.
 */
public final class LeanSecurity {
  /** What the launcher passes to the JVM so that this class can do its work. */
  public static final String JVM_FLAGS = "--add-exports java.base/sun.security.jca=ALL-UNNAMED"
      + " --add-exports java.base/sun.security.provider=ALL-UNNAMED";

  private static final String UNIX_DOMAIN_SOCKETS = "sun.nio.ch.UnixDomainSockets";
  private static final JdkAccess JDK = JdkAccess.find();
  private static volatile boolean unixSocketsReady;

  private LeanSecurity() {}

  /** True when this JVM was started with {@link #JVM_FLAGS} and the JDK has what they open. */
  public static boolean active() {
    return JDK != null;
  }

  /**
   * Sets up the JDK's UNIX-domain socket support, which draws its {@code SecureRandom} once per
   * process; call before the first UNIX-domain channel (client or server) is opened.
   */
  public static void prepareUnixSockets() {
    if (unixSocketsReady) {
      return;
    }
    Object previous = JDK == null ? null : JDK.enter();
    try {
      Class.forName(UNIX_DOMAIN_SOCKETS, true, null);
    } catch (ClassNotFoundException | LinkageError e) {
      // another JDK: its channels set themselves up when first opened
    } finally {
      if (JDK != null) {
        JDK.exit(previous);
      }
      unixSocketsReady = true;
    }
  }

  /** A new SHA-256 digest: the JDK's own implementation, whichever way it is reached. */
  public static MessageDigest sha256() {
    Object previous = JDK == null ? null : JDK.enter();
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    } finally {
      if (JDK != null) {
        JDK.exit(previous);
      }
    }
  }

  /** The reflective handles on the JDK's thread provider list, and the list a call uses. */
  private record JdkAccess(Method begin, Method end, Object list) {
    /** Null when not reachable. */
    static JdkAccess find() {
      try {
        Class<?> providers = Class.forName("sun.security.jca.Providers");
        Class<?> providerList = Class.forName("sun.security.jca.ProviderList");
        Constructor<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256").getConstructor();
        sha256.newInstance(); // fails here, not in a call, if its package is not exported to us
        Method newList = providerList.getMethod("newList", Provider[].class);
        Object list = newList.invoke(null, (Object) new Provider[] {new CallProvider(sha256)});
        return new JdkAccess(providers.getMethod("beginThreadProviderList", providerList),
            providers.getMethod("endThreadProviderList", providerList), list);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null; // not exported to us (no launcher flags), or a JDK without these classes
      }
    }

    Object enter() {
      try {
        return begin.invoke(null, list);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the JDK refused a thread provider list", e);
      }
    }

    void exit(Object previous) {
      try {
        end.invoke(null, previous);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the JDK refused to restore its provider list", e);
      }
    }
  }

  /** The two services, under the algorithm names the JDK asks for. */
  private static final class CallProvider extends Provider {
    private static final long serialVersionUID = 1L;

    CallProvider(Constructor<?> sha256) {
      super("dvdcli-call", "1", "SHA-256 and a deferred SecureRandom for one dvdcli call");
      putService(new Service(this, "MessageDigest", "SHA-256", sha256.getDeclaringClass().getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
          try {
            return (MessageDigestSpi) sha256.newInstance();
          } catch (ReflectiveOperationException e) {
            throw new NoSuchAlgorithmException("SHA-256", e);
          }
        }
      });
      putService(new Service(this, "SecureRandom", "NativePRNGNonBlocking", DeferredRandom.class.getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) {
          return new DeferredRandom();
        }
      });
    }
  }

  /** A SecureRandom that is the system's default one, set up only if it is ever used. */
  private static final class DeferredRandom extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private SecureRandom real;

    private synchronized SecureRandom real() {
      if (real == null) {
        real = new SecureRandom();
      }
      return real;
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      real().setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      real().nextBytes(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return real().generateSeed(numBytes);
    }
  }
}
