#!/usr/bin/env bash
# Offline checks of the connect-center Helm chart, deploy/ and skaffold.yaml:
#   1. helm lint --strict and helm template for every helm/connect-center/ci/*-values.yaml, with
#      assertions on what each renders;
#   2. every rendered manifest (ci variants, skaffold profiles, deploy/ environments) and every
#      deploy/examples manifest validated against the Kubernetes API schemas of the oldest and the
#      newest Kubernetes the chart supports, and the CRDs of Strimzi, the Prometheus operator and
#      the MongoDB operator (helm/tools/kube-validate.mjs);
#   3. the chart against the source code: every service in services/ deployed on its own port,
#      every topic of the catalogue provisioned, every probe and scrape path served, every secret
#      of libs/config refused as a plain value and rendered only from Secrets, SENDER_KEY_SECRET
#      in every Deployment (helm/tools/chart-facts.mjs);
#   4. skaffold.yaml against skaffold's JSON schema, as written and per profile, and the chart
#      rendered with what each profile passes (helm/tools/skaffold-check.mjs); docker/Dockerfile,
#      .dockerignore and skaffold's artifacts (helm/tools/docker-check.mjs: no Docker engine here);
#   5. resource names within 63 characters, NOTES.txt, every value documented;
#   6. bad values refused, each with the message that names the problem, and the checkers
#      themselves shown to reject what they must.
# Needs no cluster and no network once its tools and schemas are cached under .local/: the first
# run installs helm (go install, a few minutes) and fetches the schemas (Go module proxy, Maven
# Central; Strimzi's CRDs are generated with Java >= 21), later runs take seconds.
#
# Usage, from anywhere: bash helm/test.sh
# Env: HELM_VERSION (default v3.22.0), KUBE_VERSION to render for (default 1.31.0),
#      KUBE_SCHEMA_VERSIONS to validate against (default "1.27.16 1.37.2": kubeVersion's floor and
#      the newest release).
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
KUBE_VERSION="${KUBE_VERSION:-1.31.0}"
KUBE_SCHEMA_VERSIONS="${KUBE_SCHEMA_VERSIONS:-1.27.16 1.37.2}"
PROMETHEUS_OPERATOR_VERSION=v0.85.0
MONGODB_OPERATOR_VERSION=v0.13.0
STRIMZI_VERSION=1.2.0
SKAFFOLD_VERSION=v2.16.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
chart="$here/connect-center"
tools="$here/tools"
bin="$repo/.local/bin"
cache="$repo/.local/cache/helm-test"
helm="$bin/helm"
started=$SECONDS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Keep helm away from the user's own configuration, repositories and caches.
export HELM_CONFIG_HOME="$work/helm/config" HELM_CACHE_HOME="$work/helm/cache" HELM_DATA_HOME="$work/helm/data"

for module in yaml ajv @swc/core typescript; do
  [ -d "$repo/node_modules/$module" ] || { echo "helm/test.sh: node_modules/$module is missing: run npm ci" >&2; exit 2; }
done

# --- helm ----------------------------------------------------------------------------------
# `go install` alone leaves helm believing it is v3.x for Kubernetes 1.20, which makes lint's
# deprecation checks look at the wrong Kubernetes; the ldflags are those of helm's Makefile.
install_helm() {
  command -v go >/dev/null || { echo "helm/test.sh: go is needed to install helm into $bin" >&2; exit 2; }
  echo "installing helm $HELM_VERSION into $bin (go install, first run only)..."
  local gomod client_go minor
  gomod=$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
  client_go=$(awk '$1 == "k8s.io/client-go" { print $2 }' "$gomod")
  minor=$(cut -d. -f2 <<<"$client_go")
  mkdir -p "$bin"
  GOBIN="$bin" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}
if [ ! -x "$helm" ] || [ "$("$helm" version --template '{{.Version}}' 2>/dev/null)" != "$HELM_VERSION" ]; then
  install_helm
fi

# --- schemas (cached) ----------------------------------------------------------------------------
# Kubernetes: api/openapi-spec/v3 of the k8s.io/kubernetes module. CRDs: the Prometheus operator's
# and the MongoDB operator's from their Go modules; Strimzi's generated from its API classes
# (Maven Central) by its own crd-generator, which needs Java >= 21. One bundle per Kubernetes
# version, rebuilt when a version or kube-validate.mjs changes.
module_dir() { go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }

java21() { # a java >= 21: JAVA_HOME, PATH, then /usr/lib/jvm
  local candidate major
  for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^[[:space:]]*java.specification.version = \([0-9]*\).*/\1/p')
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

strimzi_note=""
strimzi_crds() { # prints the CRD files; Strimzi's own, or the structural fallback
  local dir="$cache/strimzi-$STRIMZI_VERSION" java pom
  if [ ! -f "$dir/done" ]; then
    if ! java=$(java21) || ! command -v mvn >/dev/null; then
      echo "$here/testdata/strimzi-structural-crds.yaml"
      return
    fi
    echo "generating Strimzi $STRIMZI_VERSION CRDs (Maven Central, Java >= 21; first run only)..." >&2
    mkdir -p "$dir"
    pom="$work/strimzi-pom.xml"
    cat >"$pom" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>0</version>
<dependencies>
<dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_VERSION</version></dependency>
<dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI_VERSION</version></dependency>
</dependencies></project>
EOF
    mvn -q -B -Dstyle.color=never -f "$pom" dependency:build-classpath -Dmdep.outputFile="$work/strimzi.classpath" >&2 || return 1
    "$java" -cp "$(cat "$work/strimzi.classpath")" io.strimzi.crdgenerator.CrdGenerator \
      --target-kube 1.16+ --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
      "io.strimzi.api.kafka.model.topic.KafkaTopic=$dir/kafkatopics.yaml" \
      "io.strimzi.api.kafka.model.user.KafkaUser=$dir/kafkausers.yaml" \
      "io.strimzi.api.kafka.model.kafka.Kafka=$dir/kafkas.yaml" \
      "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$dir/kafkanodepools.yaml" >&2 || return 1
    touch "$dir/done"
  fi
  ls "$dir"/*.yaml
}

kube_bundles=()
prepare_kube_schemas() {
  local key version out openapi crds=() crd strimzi=structural strimzi_files
  if [ -f "$cache/strimzi-$STRIMZI_VERSION/done" ] || { java21 >/dev/null && command -v mvn >/dev/null; }; then strimzi=$STRIMZI_VERSION; fi
  key=$(cat "$tools/kube-validate.mjs" "$here/testdata/strimzi-structural-crds.yaml" | sha256sum | cut -c1-12)
  key="$key-$PROMETHEUS_OPERATOR_VERSION-$MONGODB_OPERATOR_VERSION-strimzi-$strimzi"
  for version in $KUBE_SCHEMA_VERSIONS; do
    out="$cache/kube-$version-$key.json"
    if [ ! -f "$out" ]; then
      command -v go >/dev/null || { echo "helm/test.sh: go is needed to fetch the Kubernetes schemas" >&2; exit 2; }
      if [ ${#crds[@]} -eq 0 ]; then
        crds+=(--crd "$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml")
        crds+=(--crd "$(module_dir "github.com/mongodb/mongodb-kubernetes-operator@$MONGODB_OPERATOR_VERSION")/config/crd/bases/mongodbcommunity.mongodb.com_mongodbcommunity.yaml")
        strimzi_files=$(strimzi_crds) || { echo "helm/test.sh: could not generate Strimzi's CRDs" >&2; exit 2; }
        for crd in $strimzi_files; do crds+=(--crd "$crd"); done
      fi
      echo "building Kubernetes $version schemas (k8s.io/kubernetes module; first run only)..."
      openapi="$(module_dir "k8s.io/kubernetes@v$version")/api/openapi-spec/v3"
      node "$tools/kube-validate.mjs" bundle --openapi "$openapi" "${crds[@]}" --out "$out.tmp" >/dev/null
      mv "$out.tmp" "$out"
    fi
    kube_bundles+=(--bundle "$out")
  done
  find "$cache" -maxdepth 1 -name 'kube-*.json' ! -name "*-$key.json" -delete
  [ "$strimzi" != structural ] || strimzi_note=" (Strimzi kinds structurally only: no Java >= 21 or Maven for Strimzi's CRD generator)"
}

skaffold_schemas=""
prepare_skaffold_schema() {
  local version dir
  version=$(sed -n 's/^apiVersion: skaffold\/\(.*\)$/\1/p' "$repo/skaffold.yaml")
  dir="$cache/skaffold-$SKAFFOLD_VERSION"
  if [ ! -f "$dir/$version.json" ]; then
    echo "fetching skaffold's JSON schemas (github.com/GoogleContainerTools/skaffold/v2 module; first run only)..."
    mkdir -p "$dir"
    cp "$(module_dir "github.com/GoogleContainerTools/skaffold/v2@$SKAFFOLD_VERSION")/docs-v2/content/en/schemas/$version.json" "$dir/"
  fi
  skaffold_schemas=$dir
}

mkdir -p "$cache"
prepare_kube_schemas
prepare_skaffold_schema

# --- reporting -----------------------------------------------------------------------------
passed=0
failed=0
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$1"; }
not_ok() {
  failed=$((failed + 1))
  printf '  FAIL  %s\n' "$1"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" | head -n 25 | sed 's/^/        | /'; fi
}
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}
check_says() { # check_says NAME COMMAND...: passes when the command succeeds; names its last line
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$name: $(tail -n 1 <<<"$out")"; else not_ok "$name" "$out"; fi
}
fails_saying() { # fails_saying NAME MESSAGES COMMAND...: the command must fail, saying every line of MESSAGES
  local name=$1 messages=$2 out message
  shift 2
  if out=$("$@" 2>&1); then
    not_ok "$name" "expected a failure, but it passed"$'\n'"$out"
    return
  fi
  while IFS= read -r message; do
    if ! grep -qF -- "$message" <<<"$out"; then
      not_ok "$name" "failed without saying: $message"$'\n'"$out"
      return
    fi
  done <<<"$messages"
  ok "$name"
}
expect_count() { # expect_count NAME FILE REGEX N: N lines of FILE match REGEX
  local n
  n=$(grep -cE -- "$3" "$2" || true)
  if [ "$n" -eq "$4" ]; then ok "$1"; else not_ok "$1" "expected $4 lines matching '$3', found $n"; fi
}
template() { "$helm" template "$@" --kube-version "$KUBE_VERSION"; }
# refused NAME MESSAGES ARGS...: helm template with ARGS must fail, and its one error must say
# every line of MESSAGES (fixed strings)
refused() {
  local name=$1 messages=$2
  shift 2
  fails_saying "$name" "$messages" template t "$chart" "$@"
}
kube_validate() { node "$tools/kube-validate.mjs" validate "${kube_bundles[@]}" "$@"; }
facts="$work/facts.json"
chart_facts() { node "$tools/chart-facts.mjs" "$@" --facts "$facts"; }
base=(-f "$chart/ci/minimal-values.yaml")
validated=() # every rendered file, validated against the Kubernetes schemas in section 2

echo "helm $("$helm" version --template '{{.Version}}'), rendering for Kubernetes $KUBE_VERSION, validating against $KUBE_SCHEMA_VERSIONS"
if ! node "$tools/chart-facts.mjs" facts >"$facts" 2>"$work/facts.err"; then
  echo "helm/test.sh: cannot read the services, topics and secrets from the source:" >&2
  cat "$work/facts.err" >&2
  exit 2
fi
topic_count=$(node -e 'console.log(require(process.argv[1]).topics.length)' "$facts")

# --- 1. every ci/*-values.yaml: lint, render, assert ------------------------------------------
echo "ci values"
for values in "$chart"/ci/*-values.yaml; do
  variant=$(basename "$values" -values.yaml)
  check "$variant: helm lint --strict" "$helm" lint --strict "$chart" -f "$values" --kube-version "$KUBE_VERSION"
  out="$work/ci-$variant.yaml"
  if template cc "$chart" -f "$values" >"$out" 2>"$work/$variant.err"; then
    ok "$variant: helm template"
    validated+=("$out")
  else
    not_ok "$variant: helm template" "$(cat "$work/$variant.err")"
    continue
  fi
  expect_count "$variant: a Deployment and a Service per service" "$out" '^kind: (Deployment|Service)$' 10
  expect_count "$variant: helm test pod" "$out" '^    helm.sh/hook: test$' 1
  containers=$((5 + $(grep -c '^kind: Job$' "$out" || true)))
  expect_count "$variant: read-only root filesystem ($containers containers)" "$out" '^            readOnlyRootFilesystem: true$' "$containers"
  expect_count "$variant: all capabilities dropped" "$out" '^              drop: \["ALL"\]$' "$containers"
  expect_count "$variant: MONGODB_URI from a Secret" "$out" '^            - name: MONGODB_URI$' 5
  expect_count "$variant: HTTP_HOST 0.0.0.0" "$out" '^  HTTP_HOST: "0.0.0.0"$' 1
  check_says "$variant: every service in services/ deployed on its own port" chart_facts check-services "$out"
  check_says "$variant: every probe and scrape path served by its service" chart_facts check-probes "$out"
  # Every ci variant runs with NODE_ENV production, so every service needs the sender key.
  sender_key=$(node -e 'const v=require(process.argv[1]).parse(require("fs").readFileSync(process.argv[2],"utf8"))?.app?.senderKeySecret??{};console.log(`${v.name}/${v.key??"sender-key-secret"}`)' "$repo/node_modules/yaml" "$values")
  check_says "$variant: SENDER_KEY_SECRET from a secretKeyRef ($sender_key) in every Deployment, no secret as a value" \
    chart_facts check-secrets "$out" --require "SENDER_KEY_SECRET=$sender_key"
  case $variant in
    minimal)
      expect_count "minimal: no HPA, PDB, Ingress, ServiceMonitor, NetworkPolicy or Job" "$out" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget|Ingress|ServiceMonitor|NetworkPolicy|Job)$' 0
      expect_count "minimal: one replica each" "$out" '^  replicas: 1$' 5
      expect_count "minimal: images from prefix and appVersion" "$out" '^          image: "connect-center-[a-z]+:0\.1\.0"$' 5
      expect_count "minimal: topics replicated 3 times" "$out" '^  KAFKA_TOPIC_REPLICATION_FACTOR: "3"$' 1
      expect_count "minimal: scrape annotations" "$out" '^        prometheus.io/path: /metrics$' 5
      expect_count "minimal: spread over nodes and zones" "$out" '^          topologyKey: (kubernetes.io/hostname|topology.kubernetes.io/zone)$' 10
      check_says "minimal: topics left to the services" chart_facts check-topics "$out" --replicas 3 --expect none
      ;;
    production)
      expect_count "production: an HPA and a PDB per service" "$out" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget)$' 10
      expect_count "production: replicas left to the HPA" "$out" '^  replicas:' 0
      expect_count "production: HPA minimum 2, with its behaviour" "$out" '^(  minReplicas: 2|      stabilizationWindowSeconds: 600)$' 10
      expect_count "production: a ServiceMonitor per service, no scrape annotations" "$out" '^(kind: ServiceMonitor|        prometheus.io/path: /metrics)$' 5
      expect_count "production: a NetworkPolicy per service, test pod and topic Job" "$out" '^kind: NetworkPolicy$' 7
      expect_count "production: Ingress for intake only" "$out" '^                name: cc-connect-center-intake$' 2
      expect_count "production: SASL password from its Secret (services and Job)" "$out" '^            - name: KAFKA_SASL_PASSWORD$' 6
      expect_count "production: CA bundle for services and Job" "$out" '^              value: "/etc/connect-center/ca/ca.crt"$' 6
      expect_count "production: reporting's own Mongo Secret" "$out" '^                  name: connect-center-mongodb-reporting$' 1
      expect_count "production: intake behind the ingress trusts X-Forwarded-For" "$out" '^              value: "true"$' 1
      expect_count "production: channel secrets by reference" "$out" '^                  name: connect-center-channels$' 4
      expect_count "production: topic Job before install and upgrade" "$out" '^    helm.sh/hook: pre-install,pre-upgrade$' 3
      check_says "production: the topic Job provisions the catalogue" chart_facts check-topics "$out" --replicas 3 --expect job
      ;;
    strimzi)
      expect_count "strimzi: a KafkaTopic per catalogue topic" "$out" '^kind: KafkaTopic$' "$topic_count"
      check_says "strimzi: KafkaTopics are the catalogue, 3 replicas" chart_facts check-topics "$out" --replicas 3 --expect kafkatopics
      expect_count "strimzi: KafkaTopics kafka.strimzi.io/v1" "$out" '^apiVersion: kafka.strimzi.io/v1$' "$topic_count"
      expect_count "strimzi: KafkaTopics labelled for cluster connect" "$out" '^    strimzi.io/cluster: "connect"$' "$topic_count"
      expect_count "strimzi: KafkaTopics in the operator's namespace" "$out" '^  namespace: kafka$' "$topic_count"
      expect_count "strimzi: KafkaTopics kept on uninstall" "$out" '^    helm.sh/resource-policy: keep$' "$topic_count"
      expect_count "strimzi: no topic Job" "$out" '^kind: Job$' 0
      ;;
  esac
done

# --- 2. names, NOTES.txt --------------------------------------------------------------------------
echo "names and notes"
long=release-name-of-the-53-characters-helm-allows-at-most
if template "$long" "$chart" -f "$chart/ci/production-values.yaml" >"$work/long.yaml" 2>&1; then
  too_long=$(awk '/^kind:/ { kind = $2 } /^  name: / { if (length($2) > 63) print kind, $2 }' "$work/long.yaml")
  if [ -z "$too_long" ]; then ok "every name <= 63 characters"; else not_ok "every name <= 63 characters" "$too_long"; fi
  clashes=$(awk '/^kind:/ { kind = $2 } /^  name: / { print kind, $2 }' "$work/long.yaml" | sort | uniq -d)
  if [ -z "$clashes" ]; then ok "no two resources of a kind share a name"; else not_ok "no two resources of a kind share a name" "$clashes"; fi
  validated+=("$work/long.yaml")
else
  not_ok "render with a 53-character release name" "$(cat "$work/long.yaml")"
fi
# `helm template` renders NOTES.txt without printing it, and install needs a cluster: render a
# copy of the chart in which the notes are the data of a ConfigMap.
cp -r "$chart" "$work/notes-chart"
cp "$chart/templates/NOTES.txt" "$work/notes-chart/notes.txt"
cat >"$work/notes-chart/templates/zz-notes.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: rendered-notes
data:
  notes: |
    {{- tpl (.Files.Get "notes.txt") . | nindent 4 }}
EOF
notes() { template cc "$work/notes-chart" --show-only templates/zz-notes.yaml "$@"; }
for values in "$chart"/ci/*-values.yaml; do
  variant=$(basename "$values" -values.yaml)
  if out=$(notes -f "$values" 2>&1) && grep -q 'helm test cc' <<<"$out"; then ok "$variant: NOTES.txt renders"; else not_ok "$variant: NOTES.txt renders" "$out"; fi
done
if out=$(notes "${base[@]}" 2>&1) && grep -q 'intake has no credentials for: .*WhatsApp' <<<"$out"; then
  ok "NOTES.txt names the channels without credentials"
else
  not_ok "NOTES.txt names the channels without credentials" "$out"
fi
if out=$(notes -f "$chart/ci/production-values.yaml" 2>&1) && grep -q 'Sender key:    SENDER_KEY_SECRET from Secret "connect-center-identity", key "sender-hmac-key"' <<<"$out" &&
  out=$(notes "${base[@]}" --set app.nodeEnv=development --set app.senderKeySecret.name= 2>&1) && grep -q 'Sender key:    none; with NODE_ENV development' <<<"$out"; then
  ok "NOTES.txt names the sender key's Secret, or its absence in development"
else
  not_ok "NOTES.txt names the sender key's Secret, or its absence in development" "$out"
fi
if out=$(notes "${base[@]}" --set services.intake.httpTrustProxy=true 2>&1) && grep -q 'WARNING: services.intake.httpTrustProxy is on without networkPolicy' <<<"$out"; then
  ok "NOTES.txt warns of X-Forwarded-For trusted without NetworkPolicies"
else
  not_ok "NOTES.txt warns of X-Forwarded-For trusted without NetworkPolicies" "$out"
fi

# --- 3. skaffold.yaml and deploy/ -------------------------------------------------------------
echo "skaffold.yaml and deploy/"
check_says "skaffold.yaml: skaffold's schema ($SKAFFOLD_VERSION)" node "$tools/skaffold-check.mjs" schema "$repo/skaffold.yaml" "$skaffold_schemas"
for profile in "" dev staging production; do
  label=${profile:-default}
  if ! node "$tools/skaffold-check.mjs" release "$repo/skaffold.yaml" $profile >"$work/skaffold-$label.args" 2>&1; then
    not_ok "skaffold $label: read the helm release" "$(cat "$work/skaffold-$label.args")"
    continue
  fi
  mapfile -t release < <(grep -v '^#' "$work/skaffold-$label.args")
  out="$work/skaffold-$label.yaml"
  if (cd "$repo" && template "${release[@]}") >"$out" 2>"$out.err"; then
    ok "skaffold $label: chart renders with skaffold's values (${#release[@]} arguments)"
    validated+=("$out")
  else
    not_ok "skaffold $label: chart renders with skaffold's values" "$(cat "$out.err")"
    continue
  fi
  expect_count "skaffold $label: images are skaffold's artifacts" "$out" '^          image: "connect-center-[a-z]+:skaffold-test(@sha256:[0-9a-f]{64})?"$' 5
  missing=""
  for forward in $(sed -n 's|^# port-forward service/\([^ ]*\) .*|\1|p' "$work/skaffold-$label.args"); do
    awk -v want="$forward" '/^kind:/ { kind = $2 } /^  name: / && kind == "Service" && $2 == want { found = 1 } END { exit !found }' "$out" || missing="$missing $forward"
  done
  if [ -z "$missing" ]; then ok "skaffold $label: port-forward targets exist"; else not_ok "skaffold $label: port-forward targets exist" "missing:$missing"; fi
  case $label in
    default) expect_count "default: dev values (debug logs, single-broker replication)" "$out" '^(  LOG_LEVEL: "debug"|  KAFKA_TOPIC_REPLICATION_FACTOR: "1")$' 2 ;;
    dev) expect_count "dev: debug logs, 1 replica each" "$out" '^(  LOG_LEVEL: "debug"|  replicas: 1)$' 6 ;;
    staging | production)
      expect_count "$label: pulled by digest" "$out" '^          image: "connect-center-[a-z]+:skaffold-test@sha256:[0-9a-f]{64}"$' 5
      expect_count "$label: KafkaTopics for Strimzi" "$out" '^kind: KafkaTopic$' "$topic_count"
      ;;
  esac
done
for env in dev staging production; do
  check "deploy/values/$env.yaml: helm lint --strict" "$helm" lint --strict "$chart" -f "$repo/deploy/values/common.yaml" -f "$repo/deploy/values/$env.yaml" --kube-version "$KUBE_VERSION"
  out="$work/deploy-$env.yaml"
  if template connect-center "$chart" -n connect-center -f "$repo/deploy/values/common.yaml" -f "$repo/deploy/values/$env.yaml" >"$out" 2>"$out.err"; then
    ok "deploy/values/$env.yaml: renders on common.yaml"
    validated+=("$out")
    if [ "$env" = dev ]; then
      expect_count "deploy dev: development NODE_ENV, no sender key Secret" "$out" '^(  NODE_ENV: "development"|            - name: SENDER_KEY_SECRET)$' 1
      check_says "deploy dev: no secret as a plain value" chart_facts check-secrets "$out"
    else
      check_says "deploy $env: SENDER_KEY_SECRET from connect-center-sender-key in every Deployment" \
        chart_facts check-secrets "$out" --require SENDER_KEY_SECRET=connect-center-sender-key/sender-key-secret
    fi
  else
    not_ok "deploy/values/$env.yaml: renders on common.yaml" "$(cat "$out.err")"
  fi
done
expect_count "deploy production: HPA, PDB, ServiceMonitor, NetworkPolicy per service" "$work/deploy-production.yaml" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget|ServiceMonitor)$' 15
for example in "$repo"/deploy/examples/*.yaml; do validated+=("$example"); done

# --- docker/ --------------------------------------------------------------------------------------
echo "docker/"
check_says "Dockerfile, .dockerignore and skaffold's artifacts" node "$tools/docker-check.mjs" --facts "$facts"
sed -e 's/^USER 1000:1000/USER node/' -e 's/--omit=dev //' "$repo/docker/Dockerfile" >"$work/Dockerfile.bad"
fails_saying "a root-capable USER and dev dependencies in the image are caught" "runtime USER node: must be a numeric non-root uid
no stage installs production dependencies only" node "$tools/docker-check.mjs" --facts "$facts" --dockerfile "$work/Dockerfile.bad"
sed -e 's/^node_modules$/libs/' "$repo/.dockerignore" >"$work/dockerignore.bad"
fails_saying "a .dockerignore that drops sources is caught" ".dockerignore leaves out libs/config/src/index.ts, which the build needs" \
  node "$tools/docker-check.mjs" --facts "$facts" --dockerignore "$work/dockerignore.bad"

# --- 4. Kubernetes schemas ----------------------------------------------------------------------
echo "Kubernetes schemas$strimzi_note"
kube_validate "${validated[@]}" >"$work/kube.out" 2>&1 || true
for file in "${validated[@]}"; do
  name=${file#"$work/"}
  name=${name#"$repo/"}
  problems=$(grep -F -- "$file:" "$work/kube.out" || true)
  objects=$(grep -c '^kind:\|^  - apiVersion:' "$file" || true)
  if [ -z "$problems" ] && grep -q ' problems (' "$work/kube.out"; then ok "$name: $objects objects valid"; else not_ok "$name: valid" "${problems:-$(cat "$work/kube.out")}"; fi
done
fails_saying "the validator rejects what the API server would" \
  "Deployment/Bad_Name: /spec/replicas: should be integer
/spec/template/spec/containers/0: should NOT have additional properties \"resource\"
/spec/template/spec/containers/0/env/0/value: should be string
/env: two entries share name=A
metadata.name \"Bad_Name\": must be a DNS-1123 subdomain
label app=\"has spaces\"
port name \"http-port-too-long-name\"
readinessProbe: port \"web\" is not a port name
spec.selector does not match the pod template labels
Service/1svc: metadata.name \"1svc\": must be a DNS-1035 label
Service/1svc: selector {\"app\":\"nothing\"} selects no pod template
KafkaTopic/t: /spec: should NOT have additional properties \"confg\"
KafkaTopic/t: /spec/partitions: should be >= 1
ServiceMonitor/sm: /spec/endpoints/0/interval: should match pattern
ServiceMonitor/sm: selector selects no Service
no such kind in this API: policy/v1beta1 PodDisruptionBudget
YAML: Map keys must be unique" \
  kube_validate "$here/testdata/invalid-manifests.yaml"

# --- 5. the chart against the source ------------------------------------------------------------
echo "chart and source"
check_says "values.yaml: every value documented, README.md table current" node "$tools/values-doc.mjs" --check
missing=""
for key in $(node -e 'console.log(require(process.argv[1]).secretKeys.join(" "))' "$facts"); do
  template t "$chart" "${base[@]}" --set-string "services.membership.env.$key=x" >/dev/null 2>&1 && missing="$missing $key"
done
if [ -z "$missing" ]; then ok "every SECRET_KEYS variable of libs/config is refused as a plain value"; else not_ok "every SECRET_KEYS variable of libs/config is refused as a plain value" "accepted in env:$missing"; fi
# The checks against the source must fail when the chart drifts from it.
cp -r "$chart" "$work/drift-chart"
sed -i 's|path: /health/ready|path: /health/readiness|' "$work/drift-chart/templates/deployment.yaml"
template cc "$work/drift-chart" "${base[@]}" >"$work/drift-probe.yaml"
fails_saying "a probe path the service does not serve is caught" "readinessProbe GET /health/readiness, which services/intake does not serve" chart_facts check-probes "$work/drift-probe.yaml"
template cc "$chart" "${base[@]}" --set services.reporting.enabled=false >"$work/drift-service.yaml"
fails_saying "a service missing from the chart is caught" "services/reporting: no Deployment" chart_facts check-services "$work/drift-service.yaml"
template cc "$chart" "${base[@]}" --set services.grievance.port=4003 >"$work/drift-port.yaml"
fails_saying "a port other than the service's is caught" "services/grievance: the chart runs it on PORT 4003, its config defaults to 3003" chart_facts check-services "$work/drift-port.yaml"
node -e 'const f=process.argv[1],j=require(f);j.items.pop();j.items[0].spec.partitions+=1;require("fs").writeFileSync(f,JSON.stringify(j))' "$work/drift-chart/files/topics.json"
template cc "$work/drift-chart" -f "$chart/ci/strimzi-values.yaml" >"$work/drift-topics.yaml"
fails_saying "a topic missing from files/topics.json is caught" "KafkaTopics: missing or different" chart_facts check-topics "$work/drift-topics.yaml" --replicas 3 --expect kafkatopics
template cc "$chart" "${base[@]}" >"$work/secrets.yaml"
sed '/^            - name: SENDER_KEY_SECRET$/,+4d' "$work/secrets.yaml" >"$work/drift-sender-key.yaml"
fails_saying "a Deployment without SENDER_KEY_SECRET is caught" "container intake: 0 SENDER_KEY_SECRET entries, expected one" \
  chart_facts check-secrets "$work/drift-sender-key.yaml" --require SENDER_KEY_SECRET=connect-center-sender-key/sender-key-secret
sed 's/^  HTTP_HOST: "0.0.0.0"$/&\n  SENDER_KEY_SECRET: "plain"/' "$work/secrets.yaml" >"$work/drift-plain-secret.yaml"
fails_saying "a secret of libs/config as a plain value is caught" "SENDER_KEY_SECRET as a plain value" chart_facts check-secrets "$work/drift-plain-secret.yaml"
check "the topic Job's script parses" node --check "$chart/files/provision-topics.cjs"
sed 's/useBuildkit: true/useBuildKit: true/' "$repo/skaffold.yaml" >"$work/skaffold-typo.yaml"
fails_saying "a skaffold.yaml typo is caught by the schema" 'should NOT have additional properties "useBuildKit"' node "$tools/skaffold-check.mjs" schema "$work/skaffold-typo.yaml" "$skaffold_schemas"

# --- 6. values that must be refused ------------------------------------------------------------
echo "refused values"
# The chart's own defaults lack the three required values (NODE_ENV is production): one failure
# must name them all.
refused "chart defaults: brokers, Mongo Secret and sender key all reported" \
  "kafka.brokers: give at least one bootstrap broker"$'\n'"mongodb.existingSecret: name the Secret holding the MongoDB URI"$'\n'"app.senderKeySecret.name: name the Secret holding SENDER_KEY_SECRET"
refused "broker list empty" "kafka.brokers: give at least one" "${base[@]}" --set-json 'kafka.brokers=[]'
refused "broker without port (schema)" "at '/kafka/brokers/0'" "${base[@]}" --set-json 'kafka.brokers=["kafka"]'
refused "unknown key (schema)" "additional properties 'replica' not allowed" "${base[@]}" --set services.intake.replica=2
refused "unknown top-level key (schema)" "additional properties 'kafkaBrokers' not allowed" "${base[@]}" --set kafkaBrokers=x
refused "unknown SASL mechanism (schema)" "at '/kafka/sasl/mechanism'" "${base[@]}" --set kafka.sasl.mechanism=gssapi
refused "database name too long" "services.reporting: MONGODB_DB" "${base[@]}" --set mongodb.databasePrefix=a_database_prefix_long_enough_to_push_the_name_past_63_characters_
refused "replicas 0 on an enabled service" "services.grievance.replicas: must be at least 1" "${base[@]}" --set services.grievance.replicas=0
refused "replicas 0 from serviceDefaults" "services.intake.replicas: must be at least 1" "${base[@]}" --set serviceDefaults.replicas=0
refused "SASL without username" "kafka.sasl.username: required" "${base[@]}" --set kafka.sasl.mechanism=scram-sha-512
refused "SASL without password Secret" "kafka.sasl.existingSecret: name the Secret" "${base[@]}" --set kafka.sasl.mechanism=plain --set kafka.sasl.username=u
refused "grace period shorter than the drain" "shutdown.terminationGracePeriodSeconds: 12 must exceed" "${base[@]}" --set shutdown.terminationGracePeriodSeconds=12
refused "production without the sender key" \
  "app.senderKeySecret.name: name the Secret holding SENDER_KEY_SECRET (key \"sender-key-secret\")"$'\n'"required with NODE_ENV production (app.nodeEnv): the services refuse to start without it, because a pseudonym could otherwise be reversed to its phone number" \
  "${base[@]}" --set app.senderKeySecret.name=
refused "one service in production without the sender key" "app.senderKeySecret.name: name the Secret holding SENDER_KEY_SECRET"$'\n'"(needed by grievance)" \
  "${base[@]}" --set app.nodeEnv=development --set app.senderKeySecret.name= --set-string services.grievance.env.NODE_ENV=production
refused "sender key Secret not a Kubernetes name (schema)" "at '/app/senderKeySecret/name'" "${base[@]}" --set app.senderKeySecret.name=Sender_Key
refused "SENDER_KEY_SECRET through env" "services.intake.env.SENDER_KEY_SECRET: set by the chart; use app.senderKeySecret" "${base[@]}" --set-string services.intake.env.SENDER_KEY_SECRET=0123456789abcdef0123456789abcdef
refused "SENDER_KEY_SECRET through secretEnv" "services.reporting.secretEnv.SENDER_KEY_SECRET: set by the chart; use app.senderKeySecret" "${base[@]}" --set services.reporting.secretEnv.SENDER_KEY_SECRET.name=s --set services.reporting.secretEnv.SENDER_KEY_SECRET.key=k
refused "env overriding a chart-managed variable" "services.intake.env.MONGODB_URI: set by the chart" "${base[@]}" --set-string services.intake.env.MONGODB_URI=x
refused "HTTP_TRUST_PROXY through env" "services.intake.env.HTTP_TRUST_PROXY: set by the chart; use services.intake.httpTrustProxy" "${base[@]}" --set-string services.intake.env.HTTP_TRUST_PROXY=1
refused "HTTP_TRUST_PROXY other than true or false (schema)" "at '/services/intake/httpTrustProxy'" "${base[@]}" --set-string services.intake.httpTrustProxy=10.0.0.0/8
refused "a channel secret as a plain value" "services.intake.env.WHATSAPP_APP_SECRET: a secret; give it as services.intake.secretEnv.WHATSAPP_APP_SECRET" "${base[@]}" --set-string services.intake.env.WHATSAPP_APP_SECRET=x
refused "a JWT key as a plain value" "services.grievance.env.AUTH_JWT_PUBLIC_KEY: a secret" "${base[@]}" --set-string services.grievance.env.AUTH_JWT_PUBLIC_KEY=x
refused "any *_TOKEN as a plain value" "services.notification.env.SOME_PROVIDER_TOKEN: a secret" "${base[@]}" --set-string serviceDefaults.env.SOME_PROVIDER_TOKEN=x
refused "a variable in env and secretEnv" "services.intake.secretEnv.LOG_LEVEL: also set in services.intake.env" "${base[@]}" --set-string services.intake.env.LOG_LEVEL=debug --set services.intake.secretEnv.LOG_LEVEL.name=s --set services.intake.secretEnv.LOG_LEVEL.key=k
refused "a secret in extraEnv by value" "services.intake.extraEnv GUPSHUP_TOKEN: a secret" "${base[@]}" --set-json 'services.intake.extraEnv=[{"name":"GUPSHUP_TOKEN","value":"x"}]'
refused "secretEnv without key (schema)" "at '/services/intake/secretEnv/GUPSHUP_TOKEN'" "${base[@]}" --set services.intake.secretEnv.GUPSHUP_TOKEN.name=s
refused "PDB that blocks drains" "services.intake.pdb.maxUnavailable: 0 would block" "${base[@]}" --set services.intake.pdb.enabled=true --set services.intake.pdb.maxUnavailable=0
refused "rollout that can make no progress" "services.intake.rollingUpdate: maxSurge and maxUnavailable cannot both be 0" "${base[@]}" --set services.intake.rollingUpdate.maxSurge=0
refused "HPA minimum above maximum" "services.reporting.autoscaling: minReplicas 5 exceeds maxReplicas 4" "${base[@]}" --set services.reporting.autoscaling.enabled=true --set services.reporting.autoscaling.minReplicas=5
refused "Ingress without hosts" "ingress.hosts: give at least one host" "${base[@]}" --set ingress.enabled=true
refused "NetworkPolicies and Ingress without the controller's peers" "networkPolicy.ingressController.from: name the ingress controller's pods" "${base[@]}" --set networkPolicy.enabled=true --set ingress.enabled=true --set ingress.hosts[0].host=h --set ingress.hosts[0].paths[0].path=/webhooks --set ingress.hosts[0].paths[0].pathType=Prefix --set-json 'networkPolicy.ingressController.from=[]'
refused "managed topics without a Strimzi cluster" "kafka.topics.strimziCluster: name the Strimzi Kafka cluster" "${base[@]}" --set kafka.topics.manage=true
refused "KafkaTopics and the topic Job at once" "kafka.topics.job.enabled: the topics are already provisioned as Strimzi KafkaTopics" "${base[@]}" --set kafka.topics.manage=true --set kafka.topics.strimziCluster=c --set kafka.topics.job.enabled=true
refused "topic Job without intake or an image" "kafka.topics.job.image.repository: the topic Job runs in the intake image by default" "${base[@]}" --set kafka.topics.job.enabled=true --set services.intake.enabled=false
refused "unknown Strimzi API version (schema)" "at '/kafka/topics/strimziApiVersion'" "${base[@]}" --set kafka.topics.strimziApiVersion=kafka.strimzi.io/v1alpha1
refused "CA bundle from a Secret and a ConfigMap" "tls.caBundle: give secretName or configMapName, not both" "${base[@]}" --set tls.caBundle.secretName=a --set tls.caBundle.configMapName=b
refused "Strimzi cluster not a Kubernetes name (schema)" "at '/kafka/topics/strimziCluster'" "${base[@]}" --set kafka.topics.manage=true --set kafka.topics.strimziCluster=My_Cluster
refused "partitions are not a value (schema)" "additional properties 'partitions' not allowed" "${base[@]}" --set kafka.topics.partitions=3
refused "every service disabled" "services: every service is disabled" "${base[@]}" \
  --set services.intake.enabled=false --set services.membership.enabled=false --set services.grievance.enabled=false \
  --set services.notification.enabled=false --set services.reporting.enabled=false
# And what must still render:
if out=$(template t "$chart" "${base[@]}" --set app.nodeEnv=development --set app.senderKeySecret.name= 2>&1) && ! grep -q SENDER_KEY_SECRET <<<"$out"; then
  ok "development needs no sender key (the services' stand-in), and gets no SENDER_KEY_SECRET"
else
  not_ok "development needs no sender key (the services' stand-in), and gets no SENDER_KEY_SECRET" "$out"
fi
check "replicas 0 on a disabled service is fine" template t "$chart" "${base[@]}" --set services.grievance.enabled=false --set services.grievance.replicas=0
check "per-service Mongo Secrets replace the global one" template t "$chart" "${base[@]}" --set mongodb.existingSecret= \
  --set services.intake.mongodb.existingSecret=a --set services.membership.mongodb.existingSecret=b --set services.grievance.mongodb.existingSecret=c \
  --set services.notification.mongodb.existingSecret=d --set services.reporting.mongodb.existingSecret=e
if out=$(template t "$chart" "${base[@]}" --namespace apps --set kafka.topics.manage=true --set kafka.topics.strimziCluster=c \
  --set kafka.topics.replicationFactor=1 --set kafka.topics.strimziApiVersion=kafka.strimzi.io/v1beta2 2>&1) &&
  printf '%s\n' "$out" >"$work/topics-rf1.yaml" && chart_facts check-topics "$work/topics-rf1.yaml" --replicas 1 --expect kafkatopics >/dev/null &&
  [ "$(grep -c '^  namespace: apps$' <<<"$out")" -gt "$topic_count" ] && [ "$(grep -c '^apiVersion: kafka.strimzi.io/v1beta2$' <<<"$out")" -eq "$topic_count" ]; then
  ok "KafkaTopics default to the release namespace, take kafka.topics.replicationFactor and strimziApiVersion"
else
  not_ok "KafkaTopics default to the release namespace, take kafka.topics.replicationFactor and strimziApiVersion" "$out"
fi

# --- summary -------------------------------------------------------------------------------------
echo
echo "helm/test.sh: $passed passed, $failed failed, in $((SECONDS - started))s"
[ "$failed" -eq 0 ]
