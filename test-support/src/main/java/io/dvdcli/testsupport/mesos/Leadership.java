package io.dvdcli.testsupport.mesos;

import java.net.URI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What a master that is not (yet) the leader answers, so tests can build the cluster a framework
 * meets in production: several masters, one leading, failovers.
 */
final class Leadership {
  private enum State { STARTING, RECOVERING, LEADING, FOLLOWING }

  private volatile State state = State.LEADING;
  private volatile URI leader;

  void starting() {
    state = State.STARTING;
  }

  void recovering() {
    state = State.RECOVERING;
  }

  void leading() {
    state = State.LEADING;
  }

  /** Not elected; {@code leader} is the one it knows of, or null when no leader is elected. */
  void following(URI leader) {
    this.leader = leader;
    state = State.FOLLOWING;
  }

  /** Throws the answer of a master that cannot take the call; returns when it can. */
  void check(Request request, Response response) throws ApiError {
    switch (state) {
      // libprocess answers 404 for a route its process has not installed yet.
      case STARTING -> throw new ApiError(404, "");
      // src/master/http.cpp:492-497 (1.11.0).
      case RECOVERING -> throw new ApiError(503, "Master has not finished recovery");
      case FOLLOWING -> throw redirect(request);
      case LEADING -> { }
    }
  }

  /**
   * Master::Http::redirect (src/master/http.cpp:1746-1797): 503 "No leader elected" without a
   * leader, else 307 to a protocol-relative {@code //host:port} plus the request's path.
   */
  private ApiError redirect(Request request) {
    URI current = leader;
    if (current == null) {
      return new ApiError(503, "No leader elected");
    }
    String query = request.getHttpURI().getQuery();
    String location = "//" + current.getHost() + ":" + current.getPort() + request.getHttpURI().getPath()
        + (query == null ? "" : "?" + query);
    return new ApiError(307, "", location);
  }
}
