package io.dvdcli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https plugins described by a {@code .json} spec with a {@code TLSConfig}, as Docker reads it. */
class TlsPluginTest {
  private static final char[] PW = "changeit".toCharArray();

  @TempDir Path tmp;
  private Path specs;
  private HeldCertificate ca;
  private HeldCertificate serverCert;
  private WireMockServer wm;

  @BeforeEach
  void certificates() throws Exception {
    specs = Files.createDirectories(tmp.resolve("specs"));
    ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("dvdcli test CA").rsa2048().build();
    serverCert = new HeldCertificate.Builder().signedBy(ca).commonName("plugin")
        .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").rsa2048().build();
  }

  @AfterEach
  void stop() {
    if (wm != null) {
      wm.stop();
    }
  }

  private void startHttps(boolean needClientAuth) throws Exception {
    Path keystore = tmp.resolve("server.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", serverCert.keyPair().getPrivate(), PW,
        new Certificate[] {serverCert.certificate(), ca.certificate()});
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, PW);
    }
    WireMockConfiguration o = options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
        .keystorePath(keystore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
        .keystoreType("PKCS12");
    if (needClientAuth) {
      Path truststore = tmp.resolve("trust.p12");
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("ca", ca.certificate());
      try (OutputStream out = Files.newOutputStream(truststore)) {
        ts.store(out, PW);
      }
      o = o.needClientAuth(true).trustStorePath(truststore.toString()).trustStorePassword("changeit").trustStoreType("PKCS12");
    }
    wm = new WireMockServer(o);
    wm.start();
    wm.stubFor(post(urlEqualTo("/Plugin.Activate")).willReturn(okJson("{\"Implements\":[\"VolumeDriver\"]}")));
    wm.stubFor(post(urlEqualTo("/VolumeDriver.Get")).willReturn(okJson("{\"Volume\":{\"Name\":\"v\"}}")));
    wm.stubFor(post(urlEqualTo("/VolumeDriver.Mount")).willReturn(okJson("{\"Mountpoint\":\"/secure/v\"}")));
  }

  private Path pem(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content);
  }

  private void spec(String tlsConfig) throws Exception {
    Files.writeString(specs.resolve("secure.json"),
        "{\"Name\":\"secure\",\"Addr\":\"tcp://127.0.0.1:" + wm.httpsPort() + "\",\"TLSConfig\":" + tlsConfig + "}");
  }

  private Dvdcli.Result mount() throws Exception {
    return new InProcess(Files.createDirectories(tmp.resolve("sockets")), specs)
        .run("mount", "--volumedriver=secure", "--volumename=v");
  }

  @Test
  void aServerSignedByTheConfiguredCaIsTrusted() throws Exception {
    startHttps(false);
    spec("{\"CAFile\":\"" + pem("ca.pem", ca.certificatePem()) + "\"}");
    Dvdcli.Result r = mount();
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/secure/v\n", r.stdout());
  }

  @Test
  void aServerSignedBySomeoneElseIsRefusedWhenACaIsConfigured() throws Exception {
    startHttps(false);
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other").build();
    spec("{\"CAFile\":\"" + pem("other.pem", otherCa.certificatePem()) + "\"}");
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.UNREACHABLE, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("TLS with plugin 'secure'"), r.stderr());
  }

  @Test
  void withoutACaTheServerIsNotVerifiedAsInDocker() throws Exception {
    startHttps(false);
    spec("{\"InsecureSkipVerify\":true}");
    assertEquals(0, mount().exit());
  }

  @Test
  void aClientCertificateWithAPkcs1RsaKeyIsPresented() throws Exception {
    startHttps(true);
    HeldCertificate client = new HeldCertificate.Builder().signedBy(ca).commonName("dvdcli").rsa2048().build();
    spec("{\"CAFile\":\"" + pem("ca.pem", ca.certificatePem()) + "\",\"CertFile\":\""
        + pem("client.pem", client.certificatePem()) + "\",\"KeyFile\":\""
        + pem("client-key.pem", client.privateKeyPkcs1Pem()) + "\"}");
    Dvdcli.Result r = mount();
    assertEquals(0, r.exit(), r.toString());
  }

  @Test
  void aServerThatWantsAClientCertificateRefusesUsWithoutOne() throws Exception {
    startHttps(true);
    spec("{\"CAFile\":\"" + pem("ca.pem", ca.certificatePem()) + "\"}");
    assertEquals(ExitCodes.UNREACHABLE, mount().exit());
  }

  @Test
  void anUnreadableCaFileIsAnUnusableSpec() throws Exception {
    startHttps(false);
    spec("{\"CAFile\":\"" + tmp.resolve("missing.pem") + "\"}");
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.NO_PLUGIN, r.exit());
    assertTrue(r.lastStderrLine().contains("cannot set up TLS for plugin 'secure'"), r.stderr());
  }
}
