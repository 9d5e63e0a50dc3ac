package io.dvdcli.plugin.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS for {@code https://} plugins, following Docker's {@code TLSConfig}: the server certificate is
 * verified against {@code CAFile} when one is given (and skipping is not asked for); otherwise it is
 * not verified, as Docker does. {@code CertFile}/{@code KeyFile} give a client certificate
 * (PEM; PKCS#8 keys, or PKCS#1 RSA keys).
 */
final class TlsSetup {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

  private TlsSetup() {}

  static void apply(OkHttpClient.Builder b, PluginAddress address) throws PluginException {
    TlsConfig tls = address.tls();
    try {
      X509TrustManager trust =
          tls.verifiesServer() ? trustingOnly(read(tls.caFile(), "CAFile")) : TrustAll.INSTANCE;
      KeyManager[] keys = tls.certFile() == null ? null : clientKeys(tls);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, new TrustManager[] {trust}, null);
      b.sslSocketFactory(ctx.getSocketFactory(), trust);
      if (!tls.verifiesServer()) {
        b.hostnameVerifier((host, session) -> true);
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new PluginException(
          PluginException.Kind.INVALID_SPEC, 0,
          "cannot set up TLS for plugin '" + address.name() + "' from " + address.foundAt()
              + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file, String what) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IOException(what + " " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static X509TrustManager trustingOnly(String caPem) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (Certificate c : certificates(caPem)) {
      store.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) {
      throw new GeneralSecurityException("CAFile holds no PEM certificate");
    }
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    return cf.generateCertificates(in);
  }

  private static KeyManager[] clientKeys(TlsConfig tls) throws GeneralSecurityException, IOException {
    Certificate[] chain = certificates(read(tls.certFile(), "CertFile")).toArray(new Certificate[0]);
    if (chain.length == 0) {
      throw new GeneralSecurityException("CertFile holds no PEM certificate");
    }
    PrivateKey key = privateKey(read(tls.keyFile(), "KeyFile"), chain[0]);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, new char[0], chain);
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, new char[0]);
    return f.getKeyManagers();
  }

  private static PrivateKey privateKey(String pem, Certificate cert) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException("KeyFile holds no PEM private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
    String type = m.group(1);
    String algorithm = ((X509Certificate) cert).getPublicKey().getAlgorithm();
    if (type.equals("RSA PRIVATE KEY")) {
      der = pkcs1ToPkcs8(der);
      algorithm = "RSA";
    } else if (!type.equals("PRIVATE KEY")) {
      throw new GeneralSecurityException(
          "KeyFile is a '" + type + "'; use PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA");
    }
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Wraps a PKCS#1 RSA key in the PKCS#8 envelope the JDK reads. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
      0x01, 0x05, 0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algId, 0, body, version.length, algId.length);
    System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len;
    if (n < 0x80) {
      len = new byte[] {(byte) n};
    } else if (n < 0x100) {
      len = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }

  /** Docker's behaviour without a CA: the connection is encrypted but the server is not checked. */
  private enum TrustAll implements X509TrustManager {
    INSTANCE;

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
