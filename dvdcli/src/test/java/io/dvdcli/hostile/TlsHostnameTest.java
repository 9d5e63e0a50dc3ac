package io.dvdcli.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dvdcli.ExitCodes;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TlsPluginTest covers a server signed by another CA; this covers the other half of verification:
 * a certificate from the configured CA that was issued for another host is refused too.
 */
class TlsHostnameTest {
  @TempDir Path tmp;

  @Test
  void aCertificateFromTheConfiguredCaIssuedForAnotherHostIsRefused() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").rsa2048().build();
    HeldCertificate other = new HeldCertificate.Builder().signedBy(ca).commonName("other")
        .addSubjectAlternativeName("other.example").rsa2048().build();
    Path keystore = tmp.resolve("server.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", other.keyPair().getPrivate(), "pw".toCharArray(),
        new Certificate[] {other.certificate(), ca.certificate()});
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, "pw".toCharArray());
    }
    WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
        .keystorePath(keystore.toString()).keystorePassword("pw").keyManagerPassword("pw").keystoreType("PKCS12"));
    wm.start();
    try {
      wm.stubFor(post(urlEqualTo("/Plugin.Activate")).willReturn(okJson("{\"Implements\":[\"VolumeDriver\"]}")));
      Path specs = Files.createDirectories(tmp.resolve("specs"));
      Path caFile = Files.writeString(tmp.resolve("ca.pem"), ca.certificatePem());
      Files.writeString(specs.resolve("secure.json"), "{\"Name\":\"secure\",\"Addr\":\"tcp://127.0.0.1:"
          + wm.httpsPort() + "\",\"TLSConfig\":{\"CAFile\":\"" + caFile + "\"}}");
      Dvdcli.Result r = new InProcess(Files.createDirectories(tmp.resolve("sockets")), specs)
          .run("mount", "--volumedriver=secure", "--volumename=v");
      assertEquals(ExitCodes.UNREACHABLE, r.exit(), r.toString());
      assertEquals(0, r.stdoutBytes().length);
      assertTrue(r.lastStderrLine().contains("TLS with plugin 'secure'"), r.stderr());
      assertEquals(0, wm.getAllServeEvents().size(), "no call got through");
    } finally {
      wm.stop();
    }
  }
}
