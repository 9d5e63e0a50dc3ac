package io.dvdcli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real plugins do on the wire (as their issue trackers report it), reproduced with WireMock over TCP and
 * found through a {@code .spec} file, as a plugin without a socket is.
 */
class PluginQuirksTest {
  @TempDir Path tmp;
  private WireMockServer wm;
  private InProcess dvdcli;

  @BeforeEach
  void start() throws IOException {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    Path specs = Files.createDirectories(tmp.resolve("specs"));
    Files.writeString(specs.resolve("quirky.spec"), "tcp://127.0.0.1:" + wm.port() + "\n");
    dvdcli = new InProcess(Files.createDirectories(tmp.resolve("sockets")), specs);
    answer("Plugin.Activate", okJson("{\"Implements\":[\"VolumeDriver\"]}"));
    answer("VolumeDriver.Get", okJson("{\"Volume\":{\"Name\":\"v1\",\"Mountpoint\":\"/var/lib/x/v1\"}}"));
    answer("VolumeDriver.Create", okJson("{\"Err\":\"\"}"));
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"/var/lib/rexray/volumes/v1/data\",\"Err\":\"\"}"));
    answer("VolumeDriver.Unmount", okJson("{\"Err\":\"\"}"));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private void answer(String method, ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo("/" + method)).willReturn(response));
  }

  private Dvdcli.Result mount() {
    return dvdcli.run("mount", "--volumedriver=quirky", "--volumename=v1", "--volumeopts=size=5");
  }

  private int calls(String method) {
    return wm.countRequestsMatching(postRequestedFor(urlEqualTo("/" + method)).build()).getCount();
  }

  @Test
  void aPluginFoundThroughASpecFileIsCalledOverTcpAsDockerCallsIt() {
    Dvdcli.Result r = mount();
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/var/lib/rexray/volumes/v1/data\n", r.stdout());
    wm.verify(postRequestedFor(urlEqualTo("/VolumeDriver.Mount"))
        .withHeader("Accept", equalTo("application/vnd.docker.plugins.v1.2+json"))
        .withRequestBody(equalToJson("{\"Name\":\"v1\",\"ID\":\"test-id\"}")));
  }

  @Test
  void convoysHandlerNotFoundForGetStillMountsByCreatingFirst() {
    answer("VolumeDriver.Get", aResponse().withStatus(404).withBody("Handler not found: POST /VolumeDriver.Get"));
    Dvdcli.Result r = mount();
    assertEquals(0, r.exit(), r.toString());
    assertEquals(1, calls("VolumeDriver.Create"));
    wm.verify(postRequestedFor(urlEqualTo("/VolumeDriver.Create"))
        .withRequestBody(equalToJson("{\"Name\":\"v1\",\"Opts\":{\"size\":\"5\"}}")));
  }

  @Test
  void convoysMissingGetDoesNotStopAnUnmount() {
    answer("VolumeDriver.Get", aResponse().withStatus(404).withBody("Handler not found: POST /VolumeDriver.Get"));
    Dvdcli.Result r = dvdcli.run("unmount", "--volumedriver=quirky", "--volumename=v1");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(1, calls("VolumeDriver.Unmount"));
  }

  @Test
  void goStyle404ForGetIsTreatedAsGetNotImplemented() {
    answer("VolumeDriver.Get", aResponse().withStatus(404).withBody("404 page not found\n"));
    assertEquals(0, mount().exit());
    assertEquals(1, calls("VolumeDriver.Create"));
  }

  @Test
  void anHtmlErrorPageBecomesItsTitleInOneLine() {
    answer("VolumeDriver.Mount", aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head><body><h1>oops</h1></body></html>"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertEquals("dvdcli: Failed to mount volume 'v1' with driver 'quirky': plugin 'quirky' answered"
        + " VolumeDriver.Mount with HTTP 502: an HTML page: 502 Bad Gateway", r.lastStderrLine());
  }

  @Test
  void rexRaysEmptyErrorWithStatus500IsStillAFailureAndSaysSo() {
    answer("VolumeDriver.Mount", aResponse().withStatus(500).withBody("{\"Error\":\"\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().endsWith("HTTP 500: (the plugin gave an empty error message)"), r.stderr());
  }

  @Test
  void rexRaysErrorFieldIsReported() {
    answer("VolumeDriver.Mount", aResponse().withStatus(500).withBody("{\"Error\":\"volume attached to another instance\"}"));
    assertTrue(mount().lastStderrLine().endsWith("HTTP 500: volume attached to another instance"));
  }

  @Test
  void anErrInA200AnswerIsAFailure() {
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"/x\",\"Err\":\"quota exceeded\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertTrue(r.lastStderrLine().endsWith("with an error: quota exceeded"), r.stderr());
  }

  @Test
  void doryEmptyVolumeWithoutErrMeansMissingAndLeadsToCreate() {
    answer("VolumeDriver.Get", okJson("{\"Volume\":{},\"Err\":\"\"}"));
    assertEquals(0, mount().exit());
    assertEquals(1, calls("VolumeDriver.Create"));
  }

  @Test
  void convoysCouldNotFindVolumeMeansMissingAndLeadsToCreate() {
    answer("VolumeDriver.Get", aResponse().withStatus(500).withBody("{\"Err\":\"Could not find volume v1.\"}"));
    assertEquals(0, mount().exit());
    assertEquals(1, calls("VolumeDriver.Create"));
  }

  @Test
  void anyOtherGetFailureNeverLeadsToCreate() {
    answer("VolumeDriver.Get", aResponse().withStatus(500).withBody("{\"Err\":\"backend database is locked\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertEquals(0, calls("VolumeDriver.Create"));
    assertEquals(0, calls("VolumeDriver.Mount"));
    assertTrue(r.lastStderrLine().endsWith("VolumeDriver.Get with HTTP 500: backend database is locked"), r.stderr());
  }

  @Test
  void aMountAnswerWithoutMountpointIsABadAnswer() {
    answer("VolumeDriver.Mount", okJson("{\"Err\":\"\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.BAD_ANSWER, r.exit());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().endsWith("plugin 'quirky' returned an empty mount point for volume 'v1'"), r.stderr());
  }

  @Test
  void aRelativeMountpointIsABadAnswer() {
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"data/v1\"}"));
    assertEquals(ExitCodes.BAD_ANSWER, mount().exit());
  }

  @Test
  void aMountpointWithALineBreakCannotCorruptStdout() {
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"/a\\n/b\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.BAD_ANSWER, r.exit());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().contains("'/a\\x0a/b'"), r.stderr());
  }

  @Test
  void aMountpointOfTheWrongJsonTypeIsABadAnswer() {
    answer("VolumeDriver.Get", okJson("{\"Volume\":[]}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.BAD_ANSWER, r.exit());
    assertTrue(r.lastStderrLine().contains("VolumeDriver.Get with something that is not the expected JSON"), r.stderr());
  }

  @Test
  void aSlowAnswerBeyondTheTimeoutEndsTheCommandInTime() {
    // The answer would come after 30 s, so exit 5 is the command's own limit at work; no duration
    // is asserted (a busy host must not fail this).
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"/x\"}").withFixedDelay(30_000));
    Dvdcli.Result r = dvdcli.env("DVDCLI_TIMEOUT", InProcess.HANG_TIMEOUT_SECONDS)
        .run("mount", "--volumedriver=quirky", "--volumename=v1");
    assertEquals(ExitCodes.TIMEOUT, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("did not answer VolumeDriver.Mount within"), r.stderr());
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Files.writeString(tmp.resolve("specs/quirky.spec"), "tcp://127.0.0.1:" + closedPort);
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.UNREACHABLE, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().contains("connection refused at tcp://127.0.0.1:" + closedPort), r.stderr());
  }

  @Test
  void aPluginThatIsNotAVolumeDriverIsRefusedAtActivate() {
    answer("Plugin.Activate", okJson("{\"Implements\":[\"NetworkDriver\"]}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.NO_PLUGIN, r.exit());
    assertTrue(r.lastStderrLine().contains("is not a volume driver"), r.stderr());
    assertEquals(0, calls("VolumeDriver.Get"));
  }

  @Test
  void unmountingAVolumeThatNoLongerExistsSucceedsWithAWarning() {
    answer("VolumeDriver.Unmount", aResponse().withStatus(500).withBody("{\"Err\":\"volume v1 is gone\"}"));
    answer("VolumeDriver.Get", aResponse().withStatus(500).withBody("{\"Err\":\"no such volume\"}"));
    Dvdcli.Result r = dvdcli.run("unmount", "--volumedriver=quirky", "--volumename=v1");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stderr().contains("warning: volume 'v1' no longer exists"), r.stderr());
  }

  @Test
  void aFailedUnmountOfAnExistingVolumeIsAFailure() {
    answer("VolumeDriver.Unmount", aResponse().withStatus(500).withBody("{\"Err\":\"device busy\"}"));
    Dvdcli.Result r = dvdcli.run("unmount", "--volumedriver=quirky", "--volumename=v1");
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertTrue(r.lastStderrLine().endsWith("VolumeDriver.Unmount with HTTP 500: device busy"), r.stderr());
  }

  @Test
  void capabilitiesDefaultToLocalWhenThePluginHasNone() {
    Dvdcli.Result r = dvdcli.run("capabilities", "--volumedriver=quirky");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("local\n", r.stdout());
    answer("VolumeDriver.Capabilities", okJson("{\"Capabilities\":{\"Scope\":\"GLOBAL\"}}"));
    assertEquals("global\n", dvdcli.run("capabilities", "--volumedriver=quirky").stdout());
  }

  @Test
  void listAndGetAcceptVolumesWithoutMountpoint() {
    answer("VolumeDriver.List", okJson("{\"Volumes\":[{\"Name\":\"a\"},{\"Name\":\"b\",\"Mountpoint\":\"/m/b\"}]}"));
    assertEquals("a\nb\n", dvdcli.run("list", "--volumedriver=quirky").stdout());
    answer("VolumeDriver.Get", okJson("{\"Volume\":{\"Name\":\"v1\"}}"));
    assertEquals("v1\n", dvdcli.run("get", "--volumedriver=quirky", "--volumename=v1").stdout());
  }

  @Test
  void anOversizedAnswerIsRefusedWithoutReadingItAll() {
    answer("VolumeDriver.Mount", okJson("{\"Mountpoint\":\"/" + "a".repeat(1_200_000) + "\"}"));
    Dvdcli.Result r = mount();
    assertEquals(ExitCodes.BAD_ANSWER, r.exit());
    assertTrue(r.lastStderrLine().contains("with more than 1048576 bytes"), r.stderr());
  }

  @Test
  void anArgumentStartingWithAtIsDataNotAFileOfArguments() throws IOException {
    Path file = Files.writeString(tmp.resolve("args"), "--volumename=other");
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver", "quirky", "--volumename", "@" + file);
    assertEquals(0, r.exit(), r.toString());
    wm.verify(postRequestedFor(urlEqualTo("/VolumeDriver.Mount"))
        .withRequestBody(equalToJson("{\"Name\":\"@" + file + "\",\"ID\":\"test-id\"}")));
  }
}
