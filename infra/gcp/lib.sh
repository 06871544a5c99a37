# shellcheck shell=bash
# Variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034
# Shared by deploy.sh and teardown.sh: argument parsing, dry-run, and the naming conventions.

PROJECT=""
REGION=""
DRY_RUN=false
REDEPLOY=false

usage() {
  cat <<USAGE
Usage: $(basename "$0") --project <id> --region <region> [--dry-run]$( [[ "$(basename "$0")" == deploy.sh ]] && printf ' [--redeploy]')

  --project   Google Cloud project id (billing enabled)
  --region    region for Cloud Run, Artifact Registry, buckets, Firestore and Cloud Scheduler (e.g. europe-west1)
  --dry-run   print every gcloud command instead of running it (nothing is read or changed)
USAGE
  if [[ "$(basename "$0")" == deploy.sh ]]; then
    echo "  --redeploy  rebuild and roll out new revisions of services that already exist"
  fi
}

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --project) PROJECT="${2:?--project needs a value}"; shift 2 ;;
      --project=*) PROJECT="${1#*=}"; shift ;;
      --region) REGION="${2:?--region needs a value}"; shift 2 ;;
      --region=*) REGION="${1#*=}"; shift ;;
      --dry-run) DRY_RUN=true; shift ;;
      --redeploy) REDEPLOY=true; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
  done
  if [[ -z "$PROJECT" || -z "$REGION" ]]; then
    echo "--project and --region are required." >&2
    usage >&2
    exit 2
  fi
}

# Every gcloud call goes through here: in dry-run it is printed, not run.
gc() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '+ gcloud'
    printf ' %q' "$@" "--project=$PROJECT"
    printf '\n'
  else
    gcloud "$@" "--project=$PROJECT" --quiet
  fi
}

# The same for calls whose output (an IAM policy) nobody needs to read.
gc_quiet() {
  if [[ "$DRY_RUN" == true ]]; then
    gc "$@"
  else
    gc "$@" >/dev/null
  fi
}

# True when the resource exists. In dry-run the check is printed and the resource assumed missing,
# so the output lists every command a first deployment runs.
exists() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '# if missing:'
    printf ' %q' gcloud "$@" "--project=$PROJECT"
    printf '\n'
    return 1
  fi
  gcloud "$@" "--project=$PROJECT" --quiet >/dev/null 2>&1
}

# Output of a read-only call; in dry-run a placeholder, and the call printed on stderr (stdout is captured).
query() {
  local placeholder="$1"
  shift
  if [[ "$DRY_RUN" == true ]]; then
    {
      printf '# reads:'
      printf ' %q' gcloud "$@" "--project=$PROJECT"
      printf '\n'
    } >&2
    printf '%s\n' "$placeholder"
  else
    gcloud "$@" "--project=$PROJECT" --quiet
  fi
}

say() { printf '== %s\n' "$*"; }

SERVICES=(image-analysis thumbnail collage garbage-collection frontend)
PUBLIC_SERVICES=(frontend)
REPOSITORY=picadaily
PICTURES_BUCKET() { printf '%s-pictures' "$PROJECT"; }
THUMBNAILS_BUCKET() { printf '%s-thumbnails' "$PROJECT"; }
service_account() { printf 'picadaily-%s@%s.iam.gserviceaccount.com' "$1" "$PROJECT"; }
PUSH_ACCOUNT_ID=picadaily-push
push_account() { printf '%s@%s.iam.gserviceaccount.com' "$PUSH_ACCOUNT_ID" "$PROJECT"; }
# Cloud Run's deterministic URL: known before the first deployment, so it can be both the push
# endpoint and the OIDC audience the service checks.
service_url() { printf 'https://%s-%s.%s.run.app' "$1" "$PROJECT_NUMBER" "$REGION"; }

is_public() {
  local s
  for s in "${PUBLIC_SERVICES[@]}"; do
    [[ "$s" == "$1" ]] && return 0
  done
  return 1
}

# The topology as tab-separated records, '-' for an empty field (bash's read would merge empty fields).
topology_records() {
  python3 - "$1" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
def f(v):
    v = "" if v is None else str(v)
    return v if v else "-"
for name in t.get("buckets", []):
    print("bucket\t" + name)
for name in t.get("topics", []):
    print("topic\t" + name)
for s in t.get("subscriptions", []):
    retry = s.get("retryPolicy") or {}
    dl = s.get("deadLetterPolicy") or {}
    print("\t".join(["subscription", s["name"], s["topic"], s["service"], s["path"], f(s.get("ackDeadlineSeconds")),
                     f(retry.get("minimumBackoff")), f(retry.get("maximumBackoff")),
                     f(dl.get("deadLetterTopic")), f(dl.get("maxDeliveryAttempts")), f(s.get("filter"))]))
for n in t.get("notifications", []):
    print("\t".join(["notification", n["bucket"], n["topic"], ",".join(n.get("eventTypes", [])), f(n.get("payloadFormat"))]))
for j in t.get("schedules", []):
    attrs = ",".join(k + "=" + v for k, v in (j.get("attributes") or {}).items())
    print("\t".join(["schedule", j["name"], j["schedule"], f(j.get("timeZone")), j["topic"], f(j.get("data")), f(attrs)]))
PY
}

bucket_for() {
  case "$1" in
    pictures) PICTURES_BUCKET ;;
    thumbnails) THUMBNAILS_BUCKET ;;
    *) printf '%s-%s' "$PROJECT" "$1" ;;
  esac
}
