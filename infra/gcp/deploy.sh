#!/usr/bin/env bash
# Deploys Pic-a-Daily to Google Cloud: APIs, private buckets, Firestore with its indexes, one
# least-privilege service account per service, the Cloud Run services (internal ingress, Pub/Sub
# push only, except the frontend, which Identity-Aware Proxy guards unless --public), the Pub/Sub
# topology of infra/topology.json with authenticated push, the bucket notification and the Cloud
# Scheduler job. Idempotent: every resource is described before it is created, so a second run
# changes nothing. See infra/gcp/README.md.
#
#   infra/gcp/deploy.sh --project my-project --region europe-west1 [--dry-run] [--redeploy]
#                       [--access user:someone@example.com]... [--public]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"
parse_args "$@"

TOPOLOGY="$ROOT/infra/topology.json"
TAG="${PICADAILY_IMAGE_TAG:-$(date -u +%Y%m%d-%H%M%S)}"
REGISTRY="$REGION-docker.pkg.dev/$PROJECT/$REPOSITORY"
read_topology "$TOPOLOGY" "$ROOT/infra/PicADaily.Provisioner"

say "APIs"
APIS=(run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com pubsub.googleapis.com
  firestore.googleapis.com storage.googleapis.com vision.googleapis.com cloudscheduler.googleapis.com iam.googleapis.com
  iap.googleapis.com)
ENABLED="$(query "" services list --enabled --format='value(config.name)')"
MISSING_APIS=()
for api in "${APIS[@]}"; do
  grep -qx "$api" <<<"$ENABLED" || MISSING_APIS+=("$api")
done
if [[ ${#MISSING_APIS[@]} -gt 0 ]]; then
  gc services enable "${MISSING_APIS[@]}"
fi

PROJECT_NUMBER="$(query "PROJECT_NUMBER" projects describe "$PROJECT" --format='value(projectNumber)')"
PUBSUB_AGENT="service-$PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com"
IAP_AGENT="service-$PROJECT_NUMBER@gcp-sa-iap.iam.gserviceaccount.com"

# The account running this script always gets in through Identity-Aware Proxy (and is the app's admin).
DEPLOYER="$(deployer_account)"
case "$DEPLOYER" in
  "") echo "No active gcloud account: run gcloud auth login first." >&2; exit 2 ;;
  *.gserviceaccount.com) DEPLOYER_MEMBER="serviceAccount:$DEPLOYER" ;;
  *) DEPLOYER_MEMBER="user:$DEPLOYER" ;;
esac

say "Artifact Registry repository $REPOSITORY"
exists artifacts repositories describe "$REPOSITORY" --location="$REGION" ||
  gc artifacts repositories create "$REPOSITORY" --repository-format=docker --location="$REGION" --description="Pic-a-Daily images"

say "Buckets (private: uniform access, public access prevented; an existing one must be this project's)"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == bucket ]] || continue
  bucket="gs://$(bucket_for "$name")"
  # Bucket names are global: a bucket of this name in someone else's project must never be adopted
  # (our services would write pictures into it and read whatever it holds).
  owner="$(bucket_owner "$bucket")"
  if [[ -z "$owner" ]]; then
    gc storage buckets create "$bucket" --location="$REGION" --uniform-bucket-level-access --public-access-prevention || {
      echo "Could not create $bucket. If it exists in a project you cannot see, its name is taken: delete it there or deploy to a project with another id." >&2
      exit 3
    }
  elif [[ "$owner" != "$PROJECT_NUMBER" ]]; then
    echo "Refusing $bucket: it exists but belongs to project number $owner, not to $PROJECT ($PROJECT_NUMBER)." >&2
    exit 3
  fi
done

say "Firestore (native mode) and the composite indexes of the picture queries"
exists firestore databases describe --database='(default)' ||
  gc firestore databases create --database='(default)' --location="$REGION" --type=firestore-native
# Signatures as the list below prints them: collection;field paths;orders.
INDEXES="$(query "" firestore indexes composite list --database='(default)' \
  --format='value[separator=";"](name.segment(5),fields.fieldPath.join(","),fields.order.join(","))')"
# Gallery: visible pictures, newest first (created DESC, then name DESC as the cursor tie-break).
grep -qx 'pictures;visible,created,__name__;ASCENDING,DESCENDING,DESCENDING' <<<"$INDEXES" ||
  gc firestore indexes composite create --database='(default)' --collection-group=pictures --query-scope=collection --async \
    --field-config=field-path=visible,order=ascending \
    --field-config=field-path=created,order=descending \
    --field-config=field-path=__name__,order=descending
# Gallery filtered by a label.
grep -qx 'pictures;labels,visible,created,__name__;ASCENDING,DESCENDING,DESCENDING' <<<"$INDEXES" ||
  gc firestore indexes composite create --database='(default)' --collection-group=pictures --query-scope=collection --async \
    --field-config=field-path=labels,array-config=contains \
    --field-config=field-path=visible,order=ascending \
    --field-config=field-path=created,order=descending \
    --field-config=field-path=__name__,order=descending
# The frontend's timeline (collection "timeline") queries by equality on one field only: the
# automatic single-field index serves it, no composite index needed.

say "Pub/Sub topics"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name _ <<<"$record"
  [[ "$kind" == topic ]] || continue
  exists pubsub topics describe "$name" || gc pubsub topics create "$name"
done

say "Service accounts (one per service, least privilege)"
ensure_account() {
  local id="$1" email="$2" display="$3"
  exists iam service-accounts describe "$email" || gc iam service-accounts create "$id" --display-name="$display"
}
bucket_role() { gc_quiet storage buckets add-iam-policy-binding "gs://$1" --member="serviceAccount:$2" --role="$3"; }
project_role() { gc_quiet projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$1" --role="$2" --condition=None; }
PICTURES="$(PICTURES_BUCKET)"
THUMBNAILS="$(THUMBNAILS_BUCKET)"
ensure_account "$PUSH_ACCOUNT_ID" "$(push_account)" "Pic-a-Daily Pub/Sub push invoker"
for service in "${SERVICES[@]}"; do
  account="$(service_account "$service")"
  ensure_account "picadaily-$service" "$account" "Pic-a-Daily $service"
  project_role "$account" roles/datastore.user
  # Every service reports permanent failures (and its own events) on picture-activity.
  gc_quiet pubsub topics add-iam-policy-binding picture-activity --member="serviceAccount:$account" --role=roles/pubsub.publisher
  case "$service" in
    image-analysis)
      bucket_role "$PICTURES" "$account" roles/storage.objectViewer
      # Vision has no resource-level role: calling it is "using the project's services".
      project_role "$account" roles/serviceusage.serviceUsageConsumer ;;
    thumbnail)
      bucket_role "$PICTURES" "$account" roles/storage.objectViewer
      bucket_role "$THUMBNAILS" "$account" roles/storage.objectUser ;;
    collage)
      bucket_role "$THUMBNAILS" "$account" roles/storage.objectUser ;;
    garbage-collection)
      # Deletes thumbnails and documents; reads (never writes) pictures to confirm a deleted generation is really gone.
      bucket_role "$PICTURES" "$account" roles/storage.objectViewer
      bucket_role "$THUMBNAILS" "$account" roles/storage.objectUser ;;
    frontend)
      bucket_role "$PICTURES" "$account" roles/storage.objectUser
      bucket_role "$THUMBNAILS" "$account" roles/storage.objectViewer ;;
  esac
done
# Pub/Sub signs push tokens as the push account (needed on projects created before April 2021).
gc_quiet iam service-accounts add-iam-policy-binding "$(push_account)" \
  --member="serviceAccount:$PUBSUB_AGENT" --role=roles/iam.serviceAccountTokenCreator

say "Cloud Run services (built with Cloud Build; internal ingress except the frontend; sized as in README.md)"
for service in "${SERVICES[@]}"; do
  if exists run services describe "$service" --region="$REGION" && [[ "$REDEPLOY" != true ]]; then
    continue
  fi
  image="$REGISTRY/$service:$TAG"
  gc builds submit "$ROOT" --region="$REGION" --config="$HERE/cloudbuild.yaml" \
    --substitutions="_PROJECT_DIR=services/$service,_IMAGE=$image"
  mapfile -t size < <(sizing_flags "$service")
  env="GOOGLE_CLOUD_PROJECT=$PROJECT,BUCKET_PICTURES=$PICTURES,BUCKET_THUMBNAILS=$THUMBNAILS,PUSH_AUTH_AUDIENCE=$(service_url "$service"),PUSH_AUTH_ALLOWED_EMAILS=$(push_account),$(sizing_env "$service")"
  if ! is_user_facing "$service"; then
    # Pub/Sub push from this project counts as internal traffic: nothing else can reach the URL.
    gc run deploy "$service" --region="$REGION" --image="$image" --service-account="$(service_account "$service")" \
      --no-allow-unauthenticated --ingress=internal "${size[@]}" --set-env-vars="$env"
  elif [[ "$PUBLIC" == true ]]; then
    gc beta run deploy "$service" --region="$REGION" --image="$image" --service-account="$(service_account "$service")" \
      --allow-unauthenticated --no-iap --ingress=all "${size[@]}" --set-env-vars="$env"
  else
    # Cloud Run's direct IAP integration (beta in gcloud 528). The app checks IAP's signed header
    # against this audience and treats the deploying account as its admin.
    gc beta run deploy "$service" --region="$REGION" --image="$image" --service-account="$(service_account "$service")" \
      --no-allow-unauthenticated --iap --ingress=all "${size[@]}" \
      --set-env-vars="$env,Access__IapAudience=$(iap_audience "$service"),Access__Admins__0=$DEPLOYER"
  fi
done
for service in "${SERVICES[@]}"; do
  is_user_facing "$service" && continue
  gc_quiet run services add-iam-policy-binding "$service" --region="$REGION" \
    --member="serviceAccount:$(push_account)" --role=roles/run.invoker
done
if [[ "$PUBLIC" != true ]]; then
  say "Identity-Aware Proxy in front of the frontend: you, $(printf '%s ' "${ACCESS[@]}")and the push account"
  for service in "${USER_FACING[@]}"; do
    # IAP calls the service as its own agent once it has let a request through.
    gc_quiet run services add-iam-policy-binding "$service" --region="$REGION" \
      --member="serviceAccount:$IAP_AGENT" --role=roles/run.invoker
    for member in "$DEPLOYER_MEMBER" "${ACCESS[@]}" "serviceAccount:$(push_account)"; do
      gc_quiet beta iap web add-iam-policy-binding --resource-type=cloud-run --service="$service" --region="$REGION" \
        --member="$member" --role=roles/iap.httpsResourceAccessor --condition=None
    done
  done
fi

say "Push subscriptions (OIDC token of the push account, audience = the service URL)"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name topic service path ack min_backoff max_backoff dead_letter attempts filter <<<"$record"
  [[ "$kind" == subscription ]] || continue
  if ! exists pubsub subscriptions describe "$name"; then
    url="$(service_url "$service")"
    args=(pubsub subscriptions create "$name" --topic="$topic" --push-endpoint="$url$path"
      --push-auth-service-account="$(push_account)" --push-auth-token-audience="$url" --expiration-period=never)
    [[ "$ack" != - ]] && args+=(--ack-deadline="$ack")
    [[ "$min_backoff" != - ]] && args+=(--min-retry-delay="$min_backoff" --max-retry-delay="$max_backoff")
    [[ "$dead_letter" != - ]] && args+=(--dead-letter-topic="$dead_letter" --max-delivery-attempts="$attempts")
    [[ "$filter" != - ]] && args+=(--message-filter="$filter")
    gc "${args[@]}"
  fi
  if [[ "$dead_letter" != - ]]; then
    # Dead-lettering: the Pub/Sub service agent acknowledges here and publishes to the dead-letter topic.
    gc_quiet pubsub subscriptions add-iam-policy-binding "$name" --member="serviceAccount:$PUBSUB_AGENT" --role=roles/pubsub.subscriber
    gc_quiet pubsub topics add-iam-policy-binding "$dead_letter" --member="serviceAccount:$PUBSUB_AGENT" --role=roles/pubsub.publisher
  fi
done

say "Bucket notifications"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind bucket topic event_types payload <<<"$record"
  [[ "$kind" == notification ]] || continue
  url="gs://$(bucket_for "$bucket")"
  existing="$(query "" storage buckets notifications list "$url" --format='value(topic)')"
  if ! grep -q "projects/$PROJECT/topics/$topic\$" <<<"$existing"; then
    format=json
    [[ "$payload" == NONE ]] && format=none
    # gcloud also grants the Cloud Storage service agent publisher on the topic.
    gc storage buckets notifications create "$url" --topic="projects/$PROJECT/topics/$topic" --event-types="$event_types" --payload-format="$format"
  fi
done

say "Cloud Scheduler jobs"
for record in "${RECORDS[@]}"; do
  IFS=$'\t' read -r kind name schedule time_zone topic data attributes <<<"$record"
  [[ "$kind" == schedule ]] || continue
  exists scheduler jobs describe "$name" --location="$REGION" && continue
  args=(scheduler jobs create pubsub "$name" --location="$REGION" --schedule="$schedule" --topic="projects/$PROJECT/topics/$topic")
  [[ "$time_zone" != - ]] && args+=(--time-zone="$time_zone")
  [[ "$data" != - ]] && args+=(--message-body="$data")
  [[ "$attributes" != - ]] && args+=(--attributes="$attributes")
  gc "${args[@]}"
done

if [[ "$DRY_RUN" != true ]]; then
  say "Done: $(query "" run services describe frontend --region="$REGION" --format='value(status.url)')"
fi
if [[ "$PUBLIC" == true ]]; then
  say "The frontend is PUBLIC: anyone with its URL may look and upload (the other services stay internal)."
else
  say "The frontend is private: Identity-Aware Proxy admits $DEPLOYER$( [[ ${#ACCESS[@]} -gt 0 ]] && printf ' and %s' "${ACCESS[*]}"). Add people with --access."
fi
say "Budget: at most $(max_instances_total) instances in all (--max-instances per service). Set a budget alert on the billing account:"
echo "   gcloud billing budgets create --billing-account=ACCOUNT_ID --display-name=picadaily --budget-amount=10USD --threshold-rule=percent=0.5 --threshold-rule=percent=0.9"
