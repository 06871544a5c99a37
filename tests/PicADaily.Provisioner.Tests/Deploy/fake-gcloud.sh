#!/usr/bin/env bash
# A stand-in for gcloud in tests (installed on PATH as "gcloud"). Records every call in
# $FAKE_GCLOUD_LOG (one line per call, arguments separated by \x1f) and keeps the resources that
# create/deploy/enable made (and delete removed) in $FAKE_GCLOUD_STATE, so describe and list answer like a project
# where a second deployment finds everything. A create of something that exists fails, as it does
# on Google Cloud. Expects flags in --flag=value form (deploy.sh writes them so).
set -euo pipefail
log="${FAKE_GCLOUD_LOG:?}"
state="${FAKE_GCLOUD_STATE:?}"
touch "$state"
(IFS=$'\x1f'; printf '%s\n' "$*") >>"$log"

PROJECT_NUMBER=123456789012
positional=()
project=""
collection=""
field_configs=()
topic=""
for arg in "$@"; do
  case "$arg" in
    --project=*) project="${arg#*=}" ;;
    --collection-group=*) collection="${arg#*=}" ;;
    --field-config=*) field_configs+=("${arg#*=}") ;;
    --topic=*) topic="${arg#*=}" ;;
    -*) ;;
    *) positional+=("$arg") ;;
  esac
done

if [[ "${positional[*]:0:2}" == "config get-value" ]]; then
  echo "deployer@example.com"
  exit 0
fi

# "gcloud beta X" is X for the state kept here.
if [[ ${#positional[@]} -gt 0 && "${positional[0]}" == beta ]]; then
  positional=("${positional[@]:1}")
fi
# Buckets named here exist in another project (FAKE_GCLOUD_FOREIGN_BUCKETS, space-separated gs:// URLs).
foreign_project_number=999999999999

verb_at=-1
for i in "${!positional[@]}"; do
  case "${positional[$i]}" in
    create|describe|list|deploy|enable|delete|submit|add-iam-policy-binding|rm|service-agent) verb_at=$i; break ;;
  esac
done
if [[ $verb_at -lt 0 ]]; then
  exit 0
fi
verb="${positional[$verb_at]}"
group="${positional[*]:0:$verb_at}"
rest=("${positional[@]:$((verb_at + 1))}")
last=""
if [[ ${#rest[@]} -gt 0 ]]; then
  last="${rest[${#rest[@]}-1]}"
fi

has() { grep -Fxq -- "$1" "$state"; }

index_key() {
  local paths=() orders=() config part
  for config in "${field_configs[@]}"; do
    IFS=',' read -ra parts <<<"$config"
    for part in "${parts[@]}"; do
      case "$part" in
        field-path=*) paths+=("${part#*=}") ;;
        order=*) orders+=("$(tr '[:lower:]' '[:upper:]' <<<"${part#*=}")") ;;
      esac
    done
  done
  (IFS=','; printf 'firestore indexes composite|%s;%s;%s' "$collection" "${paths[*]}" "${orders[*]}")
}

key() {
  case "$group" in
    "iam service-accounts") if [[ "$verb" == create ]]; then printf '%s|%s@%s.iam.gserviceaccount.com' "$group" "$last" "$project"; else printf '%s|%s' "$group" "$last"; fi ;;
    "firestore indexes composite") index_key ;;
    "storage buckets notifications") printf '%s|%s|%s' "$group" "$last" "$topic" ;;
    run) printf 'run services|%s' "$last" ;;
    storage) printf 'storage buckets|%s' "$last" ;;
    *) printf '%s|%s' "$group" "$last" ;;
  esac
}

case "$verb" in
  describe)
    case "$group" in
      projects) echo "$PROJECT_NUMBER"; exit 0 ;;
    esac
    if [[ "$group" == "storage buckets" && " ${FAKE_GCLOUD_FOREIGN_BUCKETS:-} " == *" $last "* ]]; then
      echo "$foreign_project_number"
      exit 0
    fi
    if has "$(key)"; then
      [[ "$group" == "run services" ]] && echo "https://$last-$PROJECT_NUMBER.example.run.app"
      [[ "$group" == "storage buckets" ]] && echo "$PROJECT_NUMBER"
      exit 0
    fi
    echo "ERROR: (gcloud.$verb) NOT_FOUND: $(key)" >&2
    exit 1 ;;
  create|deploy)
    k="$(key)"
    if [[ "$verb" == create ]] && has "$k"; then
      echo "ERROR: (gcloud.$verb) ALREADY_EXISTS: $k" >&2
      exit 1
    fi
    has "$k" || echo "$k" >>"$state" ;;
  enable)
    for api in "${rest[@]}"; do
      has "services|$api" || echo "services|$api" >>"$state"
    done ;;
  list)
    case "$group" in
      services) grep '^services|' "$state" | cut -d'|' -f2- || true ;;
      "firestore indexes composite") grep '^firestore indexes composite|' "$state" | cut -d'|' -f2- || true ;;
      "storage buckets notifications") grep -F "storage buckets notifications|$last|" "$state" | cut -d'|' -f3- | sed 's|^projects/|//pubsub.googleapis.com/projects/|' || true ;;
    esac ;;
  delete|rm)
    k="$(key)"
    if ! has "$k"; then
      echo "ERROR: (gcloud.$verb) NOT_FOUND: $k" >&2
      exit 1
    fi
    grep -Fxv -- "$k" "$state" >"$state.next" || true
    mv "$state.next" "$state" ;;
  service-agent) echo "service-$PROJECT_NUMBER@gs-project-accounts.iam.gserviceaccount.com" ;;
  *) ;;
esac
