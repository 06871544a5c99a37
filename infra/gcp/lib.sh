# shellcheck shell=bash
# Variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034
# Shared by deploy.sh and teardown.sh: argument parsing, dry-run, and the naming conventions.

PROJECT=""
REGION=""
DRY_RUN=false
REDEPLOY=false
PUBLIC=false
ACCESS=()

usage() {
  cat <<USAGE
Usage: $(basename "$0") --project <id> --region <region> [--dry-run]$( [[ "$(basename "$0")" == deploy.sh ]] && printf ' [--redeploy] [--access <principal>]... [--public]')

  --project   Google Cloud project id (billing enabled)
  --region    region for Cloud Run, Artifact Registry, buckets, Firestore and Cloud Scheduler (e.g. europe-west1)
  --dry-run   print every gcloud command instead of running it (nothing is read or changed)
USAGE
  if [[ "$(basename "$0")" == deploy.sh ]]; then
    echo "  --redeploy  rebuild and roll out new revisions of services that already exist"
    echo "  --access    who may open the frontend besides you, through Identity-Aware Proxy (repeatable):"
    echo "              user:someone@example.com, group:team@example.com or domain:example.com"
    echo "  --public    no Identity-Aware Proxy: anyone on the internet may open the frontend (the other"
    echo "              services stay private either way)"
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
      --public) PUBLIC=true; shift ;;
      --access) ACCESS+=("${2:?--access needs a principal}"); shift 2 ;;
      --access=*) ACCESS+=("${1#*=}"); shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
  done
  if [[ -z "$PROJECT" || -z "$REGION" ]]; then
    echo "--project and --region are required." >&2
    usage >&2
    exit 2
  fi
  local principal
  for principal in "${ACCESS[@]}"; do
    if [[ ! "$principal" =~ ^(user|group|domain|serviceAccount):[^[:space:]]+$ ]]; then
      echo "--access takes user:EMAIL, group:EMAIL, domain:DOMAIN or serviceAccount:EMAIL, not '$principal'." >&2
      exit 2
    fi
  done
  if [[ "$PUBLIC" == true && ${#ACCESS[@]} -gt 0 ]]; then
    echo "--public and --access exclude each other: a public frontend has no access list." >&2
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
# The one service people open; with --public it admits anyone, otherwise Identity-Aware Proxy decides.
USER_FACING=(frontend)
REPOSITORY=picadaily
PICTURES_BUCKET() { printf '%s-pictures' "$PROJECT"; }
THUMBNAILS_BUCKET() { printf '%s-thumbnails' "$PROJECT"; }
service_account() { printf 'picadaily-%s@%s.iam.gserviceaccount.com' "$1" "$PROJECT"; }
PUSH_ACCOUNT_ID=picadaily-push
push_account() { printf '%s@%s.iam.gserviceaccount.com' "$PUSH_ACCOUNT_ID" "$PROJECT"; }
# Cloud Run's deterministic URL: known before the first deployment, so it can be both the push
# endpoint and the OIDC audience the service checks.
service_url() { printf 'https://%s-%s.%s.run.app' "$1" "$PROJECT_NUMBER" "$REGION"; }

# The audience of the JWT Identity-Aware Proxy signs for a Cloud Run service it guards directly.
iap_audience() { printf '/projects/%s/locations/%s/services/%s' "$PROJECT_NUMBER" "$REGION" "$1"; }

# The active gcloud account (not a project resource: read even in dry-run, as it reads nothing remote).
deployer_account() {
  if [[ "$DRY_RUN" == true ]]; then
    printf 'you@example.com\n'
  else
    gcloud config get-value account 2>/dev/null
  fi
}

# Project number of the project owning a bucket; empty when it does not exist (or is not visible to us).
bucket_owner() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '# reads:' >&2
    printf ' %q' gcloud storage buckets describe "$1" --raw --format='value(projectNumber)' "--project=$PROJECT" >&2
    printf '\n' >&2
    return 0
  fi
  gcloud storage buckets describe "$1" --raw --format='value(projectNumber)' "--project=$PROJECT" --quiet 2>/dev/null || true
}

max_instances_total() {
  local service flag total=0
  for service in "${SERVICES[@]}"; do
    while read -r flag; do
      [[ "$flag" == --max-instances=* ]] && total=$((total + ${flag#*=}))
    done < <(sizing_flags "$service")
  done
  printf '%s' "$total"
}

is_user_facing() {
  local s
  for s in "${USER_FACING[@]}"; do
    [[ "$s" == "$1" ]] && return 0
  done
  return 1
}

# Cloud Run size of each service, derived in README.md ("Sizing"): Cloud Run flags, then the
# matching process bounds as environment variables (--concurrency = Events__MaxConcurrent, so
# Cloud Run never sends more than the service admits; decodes one at a time on one vCPU).
sizing_flags() {
  case "$1" in
    image-analysis|thumbnail) printf '%s\n' --cpu=1 --memory=1Gi --concurrency=2 --max-instances=3 ;;
    collage) printf '%s\n' --cpu=1 --memory=512Mi --concurrency=1 --max-instances=1 ;;
    garbage-collection) printf '%s\n' --cpu=1 --memory=512Mi --concurrency=8 --max-instances=2 ;;
    frontend) printf '%s\n' --cpu=1 --memory=1Gi --concurrency=10 --max-instances=2 ;;
  esac
}
sizing_env() {
  case "$1" in
    image-analysis|thumbnail) printf '%s' Images__DecodeConcurrency=1,Events__MaxConcurrent=2,Images__MaxPixels=50000000 ;;
    collage) printf '%s' Images__DecodeConcurrency=1,Events__MaxConcurrent=1,Images__MaxPixels=4000000 ;;
    garbage-collection) printf '%s' Events__MaxConcurrent=8 ;;
    frontend) printf '%s' Events__MaxConcurrent=4,Upload__MaxRequestBytes=52428800 ;;
  esac
}

# The topology as tab-separated records, '-' for an empty field (bash's read would merge empty fields),
# printed by the provisioner: the one reader of infra/topology.json (PICADAILY_PROVISIONER may name
# its built PicADaily.Provisioner.dll, to skip the build `dotnet run` does).
topology_records() {
  local topology="$1" project="$2"
  if [[ -n "${PICADAILY_PROVISIONER:-}" ]]; then
    dotnet "$PICADAILY_PROVISIONER" --print-records --topology "$topology"
  else
    dotnet run --project "$project" --verbosity quiet -- --print-records --topology "$topology"
  fi
}

# Fills RECORDS with the topology's records, or stops the script when the topology cannot be read.
read_topology() {
  command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is needed to read $1 (see global.json)" >&2; exit 2; }
  local text
  text="$(topology_records "$1" "$2")" || { echo "Could not read $1 (see above)" >&2; exit 2; }
  mapfile -t RECORDS <<<"$text"
}

bucket_for() {
  case "$1" in
    pictures) PICTURES_BUCKET ;;
    thumbnails) THUMBNAILS_BUCKET ;;
    *) printf '%s-%s' "$PROJECT" "$1" ;;
  esac
}
