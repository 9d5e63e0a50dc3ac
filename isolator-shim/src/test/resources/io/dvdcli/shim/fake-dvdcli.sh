#!/bin/sh
# Test stand-in for dvdcli where a misbehaving process is the point. State lives in the folder
# this script sits in:
#   calls.log              each call's argv, one argument per line, then "stdin=<target>" and "--"
#   mounted/<driver>@<name>  present while the volume is mounted (a stable mount ID: once)
#   fail-mount-<name>, fail-unmount-<name>, hang-mount-<name>, hang-unmount-<name>  toggles
#   hang.pid / hang-child.pid  written by a hanging call (parent and the child it started)
set -u
state=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
{ for a in "$@"; do printf '%s\n' "$a"; done; printf 'stdin=%s\n--\n' "$(readlink /proc/$$/fd/0)"; } >> "$state/calls.log"
command=${1:-}
driver=''; name=''; explicit=''
for a in "$@"; do
  case $a in
    --volumedriver=*) driver=${a#--volumedriver=} ;;
    --volumename=*) name=${a#--volumename=} ;;
    --explicitcreate) explicit=yes ;;
  esac
done
mkdir -p "$state/mounted" "$state/volumes"
if [ -e "$state/hang-$command-$name" ]; then
  echo $$ > "$state/hang.pid"
  sleep 1000 &
  echo $! > "$state/hang-child.pid"
  wait
  exit 0
fi
if [ -e "$state/fail-$command-$name" ]; then
  echo "fake-dvdcli: debug noise first" >&2
  echo "fake-dvdcli: $command of $name refused by the plugin" >&2
  exit 4
fi
case $command in
  mount)
    if [ -n "$explicit" ] && [ ! -d "$state/volumes/$name" ]; then
      echo "fake-dvdcli: volume '$name' does not exist and --explicitcreate forbids creating it" >&2
      exit 1
    fi
    mkdir -p "$state/volumes/$name"
    : > "$state/mounted/$driver@$name"
    printf '  %s\n\n' "$state/volumes/$name" ;;
  unmount)
    rm -f "$state/mounted/$driver@$name" ;;
  *) echo "fake-dvdcli: unknown command '$command'" >&2; exit 2 ;;
esac
