#!/usr/bin/env bash
# Removes everything deploy.sh created, including the pictures, thumbnails and Firestore data.
# Enabled APIs stay enabled (they cost nothing). Idempotent: what is already gone is skipped.
#
#   infra/gcp/teardown.sh --project my-project --region europe-west1 [--dry-run]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"
parse_args "$@"

TOPOLOGY="$ROOT/infra/topology.json"
read_topology "$TOPOLOGY" "$ROOT/infra/PicADaily.Provisioner"

# In dry-run every delete is listed; otherwise only what exists is deleted.
present() {
  if [[ "$DRY_RUN" == true ]]; then
    return 0
  fi
  gcloud "$@" "--project=$PROJECT" --quiet >/dev/null 2>&1
}

say "Cloud Scheduler jobs"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == schedule ]] || continue
  present scheduler jobs describe "$name" --location="$REGION" && gc scheduler jobs delete "$name" --location="$REGION"
done

say "Push subscriptions, then topics"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == subscription ]] || continue
  present pubsub subscriptions describe "$name" && gc pubsub subscriptions delete "$name"
done
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == topic ]] || continue
  present pubsub topics describe "$name" && gc pubsub topics delete "$name"
done

say "Cloud Run services"
for service in "${SERVICES[@]}"; do
  present run services describe "$service" --region="$REGION" && gc run services delete "$service" --region="$REGION"
done

say "Buckets, with their objects and notification configs"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == bucket ]] || continue
  bucket="gs://$(bucket_for "$name")"
  present storage buckets describe "$bucket" && gc storage rm --recursive "$bucket"
done

say "Firestore database (all picture documents and the timeline)"
present firestore databases describe --database='(default)' && gc firestore databases delete --database='(default)'

say "Service accounts"
for service in "${SERVICES[@]}"; do
  account="$(service_account "$service")"
  present iam service-accounts describe "$account" && gc iam service-accounts delete "$account"
done
present iam service-accounts describe "$(push_account)" && gc iam service-accounts delete "$(push_account)"

say "Artifact Registry repository (the images)"
present artifacts repositories describe "$REPOSITORY" --location="$REGION" &&
  gc artifacts repositories delete "$REPOSITORY" --location="$REGION"

say "Done. Project-level role bindings of the deleted accounts show as 'deleted:' members; remove them with gcloud projects remove-iam-policy-binding if you keep the project."
