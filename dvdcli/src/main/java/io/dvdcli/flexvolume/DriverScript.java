package io.dvdcli.flexvolume;

import java.nio.file.Path;

/**
 * The executable kubelet runs: a POSIX shell script that runs {@code dvdcli flexvolume call} and
 * makes sure that what kubelet reads (stdout and stderr together, parsed as one JSON value) is
 * exactly one JSON value, whatever happens:
 * <ul>
 *   <li>the JVM's and the launcher's own output (a stale archive, a deprecated flag, "cannot find
 *       dvdcli.jar", a JDK that is missing) goes to a temporary file, never to kubelet; HotSpot
 *       prints its warnings on stdout unless told {@code -XX:+DisplayVMOutputToStderr};
 *   <li>of stdout, only the last line that is a driver answer is passed on;
 *   <li>when there is none (the JVM did not start, crashed, or was killed), the script answers a
 *       Failure itself, quoting the first printable text of what went wrong;
 *   <li>the whole call is killed after {@link #LIMIT_SECONDS} s (dvdcli bounds its own steps well
 *       below that; kubelet sets no limit at all).
 * </ul>
 */
final class DriverScript {
  static final int LIMIT_SECONDS = 450;

  private DriverScript() {}

  static String render(String plugin, String driverName, Path dvdcli, Path stateDir) {
    return """
        #!/bin/sh
        # Kubernetes Flexvolume driver 'dvdcli/%2$s' for the Docker volume plugin '%1$s'.
        # Written by 'dvdcli flexvolume install'; removed by 'dvdcli flexvolume uninstall'. Do not edit:
        # kubelet reads stdout and stderr together as ONE JSON value, and this script keeps it so.
        plugin=%3$s
        dvdcli=%4$s
        DVDCLI_FLEXVOLUME_STATE_DIR=${DVDCLI_FLEXVOLUME_STATE_DIR:-%5$s}
        # HotSpot writes its warnings to stdout unless told otherwise.
        DVDCLI_JAVA_OPTS="${DVDCLI_JAVA_OPTS:-} -XX:+DisplayVMOutputToStderr"
        export DVDCLI_FLEXVOLUME_STATE_DIR DVDCLI_JAVA_OPTS

        errors=$(mktemp "${TMPDIR:-/tmp}/dvdcli-flexvolume.XXXXXX" 2>/dev/null) || errors=/dev/null
        limit=
        command -v timeout >/dev/null 2>&1 && limit="timeout -s KILL %6$d"
        output=$($limit "$dvdcli" flexvolume call --volumedriver="$plugin" -- "$@" 2>"$errors" </dev/null)
        code=$?
        answer=
        while IFS= read -r line; do
          case $line in '{"status":"'*'}') answer=$line ;; esac
        done <<EOF
        $output
        EOF
        if [ -n "$answer" ]; then
          [ "$errors" = /dev/null ] || rm -f "$errors"
          printf '%%s\\n' "$answer"
          exit $code
        fi
        # No answer: say why in one line of plain printable text (no quote or backslash to escape).
        why=$(head -c 300 "$errors" 2>/dev/null | tr '\\n\\t' '  ' | tr -cd ' -~' | tr -d '"\\\\')
        [ "$errors" = /dev/null ] || rm -f "$errors"
        case $code in
          137) why="killed after %6$d s${why:+: $why}" ;;
          *) why="exit status $code${why:+: $why}" ;;
        esac
        printf '{"status":"Failure","message":"dvdcli did not answer (%%s)"}\\n' "$why"
        exit 1
        """.formatted(plugin, driverName, quote(plugin), quote(dvdcli.toString()), quote(stateDir.toString()), LIMIT_SECONDS);
  }

  /** A single-quoted shell word: the only character to escape inside is the quote itself. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
