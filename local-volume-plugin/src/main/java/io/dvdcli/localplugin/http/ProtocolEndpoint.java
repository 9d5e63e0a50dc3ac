package io.dvdcli.localplugin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.localplugin.driver.DirectoryVolume;
import io.dvdcli.localplugin.driver.VolumeBackend;
import io.dvdcli.localplugin.driver.VolumeException;
import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginProtocol;
import io.dvdcli.protocol.VolumeEntry;
import io.dvdcli.protocol.VolumeNameRequest;
import java.time.temporal.ChronoUnit;

/**
 * The protocol side of the plugin: routes {@code POST /<Method>}, decodes the wire record, calls
 * the driver and encodes its answer. Failures are answered as Docker's plugin helpers do: the
 * driver's refusals as 500 with {@code {"Err": ...}}, a body that cannot be decoded as 400 with
 * {@code {"Err": ...}}, an unknown path as Go's text {@code 404 page not found}.
 */
final class ProtocolEndpoint {
  /** The answer and the record of the call, for the log. */
  record Answer(Reply reply, PluginCall call) {}

  private final VolumeBackend driver;

  ProtocolEndpoint(VolumeBackend driver) {
    this.driver = driver;
  }

  Answer handle(String httpMethod, String path, byte[] body) {
    String method = path.startsWith("/") ? path.substring(1) : path;
    if (!isKnown(method)) {
      return new Answer(Reply.text(404, "404 page not found\n"), new PluginCall(path, null, null, 404, "not found"));
    }
    if (!"POST".equals(httpMethod)) {
      String error = "Failed to call " + method + ": use POST, not " + httpMethod;
      return new Answer(Reply.text(405, error + "\n"), new PluginCall(method, null, null, 405, error));
    }
    Call call = new Call(method);
    try {
      return call.ok(dispatch(call, body));
    } catch (BadRequest e) {
      return call.failed(400, e.getMessage());
    } catch (VolumeException e) {
      return call.failed(500, e.getMessage());
    } catch (RuntimeException e) {
      return call.failed(500, "Failed to answer " + method + ": internal error: " + e);
    }
  }

  private static boolean isKnown(String method) {
    return switch (method) {
      case PluginProtocol.ACTIVATE, PluginProtocol.CREATE, PluginProtocol.REMOVE,
          PluginProtocol.MOUNT, PluginProtocol.UNMOUNT, PluginProtocol.PATH, PluginProtocol.GET,
          PluginProtocol.LIST, PluginProtocol.CAPABILITIES -> true;
      default -> false;
    };
  }

  private Object dispatch(Call call, byte[] body) throws VolumeException, BadRequest {
    switch (call.method) {
      case PluginProtocol.ACTIVATE:
        return ActivateResponse.volumeDriver();
      case PluginProtocol.CAPABILITIES:
        return new CapabilitiesResponse(new CapabilitiesResponse.Capabilities(driver.scope()), null);
      case PluginProtocol.LIST:
        return new ListResponse(
            driver.list().stream().map(v -> new VolumeEntry(v.name(), v.mountpoint().toString(), null, null)).toList(),
            null);
      case PluginProtocol.CREATE: {
        CreateRequest request = decode(call, body, CreateRequest.class);
        call.volume = requireName(call, request.name());
        driver.create(request.name(), request.opts());
        return ErrorResponse.OK;
      }
      case PluginProtocol.REMOVE: {
        call.volume = requireName(call, decode(call, body, VolumeNameRequest.class).name());
        driver.remove(call.volume);
        return ErrorResponse.OK;
      }
      case PluginProtocol.MOUNT: {
        MountRequest request = decode(call, body, MountRequest.class);
        call.volume = requireName(call, request.name());
        call.mountId = request.id();
        return new MountpointResponse(driver.mount(request.name(), request.id()).toString(), null);
      }
      case PluginProtocol.UNMOUNT: {
        MountRequest request = decode(call, body, MountRequest.class);
        call.volume = requireName(call, request.name());
        call.mountId = request.id();
        driver.unmount(request.name(), request.id());
        return ErrorResponse.OK;
      }
      case PluginProtocol.PATH: {
        call.volume = requireName(call, decode(call, body, VolumeNameRequest.class).name());
        return new MountpointResponse(driver.path(call.volume).toString(), null);
      }
      case PluginProtocol.GET: {
        call.volume = requireName(call, decode(call, body, VolumeNameRequest.class).name());
        return new GetResponse(entry(driver.get(call.volume)), null);
      }
      default:
        throw new IllegalStateException("unrouted method " + call.method);
    }
  }

  private static VolumeEntry entry(DirectoryVolume volume) {
    return new VolumeEntry(
        volume.name(),
        volume.mountpoint().toString(),
        volume.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(),
        StatusView.of(volume));
  }

  private static <T> T decode(Call call, byte[] body, Class<T> type) throws BadRequest {
    if (body.length == 0) {
      throw new BadRequest(call.method, "the body is empty");
    }
    try {
      T value = ServerJson.MAPPER.readValue(body, type);
      if (value == null) {
        throw new BadRequest(call.method, "the body is JSON null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new BadRequest(call.method, "the body is not a JSON object of the protocol: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadRequest(call.method, e.getMessage());
    }
  }

  private static String requireName(Call call, String name) throws BadRequest {
    if (name == null) {
      throw new BadRequest(call.method, "Name is missing");
    }
    return name;
  }

  /** What one call is about, filled in as the request is decoded. */
  private static final class Call {
    final String method;
    String volume;
    String mountId;

    Call(String method) {
      this.method = method;
    }

    Answer ok(Object response) {
      return new Answer(Reply.json(200, encode(response)), new PluginCall(method, volume, mountId, 200, null));
    }

    Answer failed(int status, String error) {
      return new Answer(
          Reply.json(status, encode(new ErrorResponse(error))),
          new PluginCall(method, volume, mountId, status, error));
    }

    private static byte[] encode(Object response) {
      try {
        return ServerJson.MAPPER.writeValueAsBytes(response);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("wire records always encode", e);
      }
    }
  }

  /** A request body that does not decode to the method's request record. */
  private static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String method, String cause) {
      super("Failed to decode " + method + " request: " + cause);
    }
  }
}
