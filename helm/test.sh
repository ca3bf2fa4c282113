#!/usr/bin/env bash
# Offline checks of the connect-center Helm chart and of skaffold.yaml's use of it:
#   1. helm lint --strict and helm template for every helm/connect-center/ci/*-values.yaml,
#      with assertions on what each renders;
#   2. resource names stay within 63 characters on the longest release name;
#   3. NOTES.txt renders;
#   4. the helm values skaffold.yaml passes (base, dev and ha profiles) render;
#   5. bad values are refused, each with the message that names the problem.
# Needs no cluster. Installs helm into .local/bin with `go install` the first time (a few
# minutes); later runs take seconds.
#
# Usage, from anywhere: bash helm/test.sh
# Env: HELM_VERSION (default v3.22.0), KUBE_VERSION to render for (default 1.31.0).
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
KUBE_VERSION="${KUBE_VERSION:-1.31.0}"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
chart="$here/connect-center"
bin="$repo/.local/bin"
helm="$bin/helm"
started=$SECONDS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Keep helm away from the user's own configuration, repositories and caches.
export HELM_CONFIG_HOME="$work/helm/config" HELM_CACHE_HOME="$work/helm/cache" HELM_DATA_HOME="$work/helm/data"

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
expect_count() { # expect_count NAME FILE REGEX N: N lines of FILE match REGEX
  local n
  n=$(grep -cE -- "$3" "$2" || true)
  if [ "$n" -eq "$4" ]; then ok "$1"; else not_ok "$1" "expected $4 lines matching '$3', found $n"; fi
}
template() { "$helm" template "$@" --kube-version "$KUBE_VERSION"; }
# refused NAME MESSAGES ARGS...: helm template with ARGS must fail, and its one error must say
# every line of MESSAGES (fixed strings)
refused() {
  local name=$1 messages=$2 out message
  shift 2
  if out=$(template t "$chart" "$@" 2>&1); then
    not_ok "$name" "expected a failure saying: $messages, but it rendered"
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
base=(-f "$chart/ci/default-values.yaml")

# --- 1. every ci/*-values.yaml: lint, render, assert ------------------------------------------
echo "helm $("$helm" version --template '{{.Version}}'), rendering for Kubernetes $KUBE_VERSION"
echo "ci values"
for values in "$chart"/ci/*-values.yaml; do
  variant=$(basename "$values" -values.yaml)
  check "$variant: helm lint --strict" "$helm" lint --strict "$chart" -f "$values" --kube-version "$KUBE_VERSION"
  out="$work/$variant.yaml"
  if template cc "$chart" -f "$values" >"$out" 2>"$work/$variant.err"; then
    ok "$variant: helm template"
  else
    not_ok "$variant: helm template" "$(cat "$work/$variant.err")"
    continue
  fi
  expect_count "$variant: a Deployment and a Service per service" "$out" '^kind: (Deployment|Service)$' 10
  expect_count "$variant: one ConfigMap" "$out" '^kind: ConfigMap$' 1
  expect_count "$variant: helm test pod" "$out" '^    helm.sh/hook: test$' 1
  expect_count "$variant: liveness, startup on /health/live" "$out" '^              path: /health/live$' 10
  expect_count "$variant: readiness on /health/ready" "$out" '^              path: /health/ready$' 5
  expect_count "$variant: read-only root filesystem" "$out" '^            readOnlyRootFilesystem: true$' 5
  expect_count "$variant: all capabilities dropped" "$out" '^              drop: \["ALL"\]$' 5
  expect_count "$variant: MONGODB_URI from a Secret" "$out" '^            - name: MONGODB_URI$' 5
  expect_count "$variant: scrape annotations" "$out" '^        prometheus.io/path: /metrics$' 5
  expect_count "$variant: HTTP_HOST 0.0.0.0" "$out" '^  HTTP_HOST: "0.0.0.0"$' 1
  case $variant in
    default)
      expect_count "default: no HPA, PDB or Ingress" "$out" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget|Ingress)$' 0
      expect_count "default: one replica each" "$out" '^  replicas: 1$' 5
      expect_count "default: images from prefix and appVersion" "$out" '^          image: "connect-center-[a-z]+:0\.1\.0"$' 5
      expect_count "default: topics replicated 3 times" "$out" '^  KAFKA_TOPIC_REPLICATION_FACTOR: "3"$' 1
      ;;
    ha)
      expect_count "ha: an HPA and a PDB per service" "$out" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget)$' 10
      expect_count "ha: replicas left to the HPA" "$out" '^  replicas:' 0
      expect_count "ha: HPA minimum 2" "$out" '^  minReplicas: 2$' 5
      expect_count "ha: Ingress for intake only" "$out" '^                name: cc-connect-center-intake$' 1
      expect_count "ha: SASL password from its Secret" "$out" '^            - name: KAFKA_SASL_PASSWORD$' 5
      expect_count "ha: reporting's own Mongo Secret" "$out" '^                  name: connect-center-mongodb-reporting$' 1
      ;;
  esac
done

# --- 2. names within 63 characters, unique -------------------------------------------------------
echo "names"
long=release-name-of-the-53-characters-helm-allows-at-most
if template "$long" "$chart" -f "$chart/ci/ha-values.yaml" >"$work/long.yaml" 2>&1; then
  too_long=$(awk '/^kind:/ { kind = $2 } /^  name: / { if (length($2) > 63) print kind, $2 }' "$work/long.yaml")
  if [ -z "$too_long" ]; then ok "every name <= 63 characters"; else not_ok "every name <= 63 characters" "$too_long"; fi
  clashes=$(awk '/^kind:/ { kind = $2 } /^  name: / { print kind, $2 }' "$work/long.yaml" | sort | uniq -d)
  if [ -z "$clashes" ]; then ok "no two resources of a kind share a name"; else not_ok "no two resources of a kind share a name" "$clashes"; fi
else
  not_ok "render with a 53-character release name" "$(cat "$work/long.yaml")"
fi

# --- 3. NOTES.txt ------------------------------------------------------------------------------
# `helm template` renders NOTES.txt without printing it, and install needs a cluster: render a
# copy of the chart in which the notes are the data of a ConfigMap.
echo "notes"
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
for values in "$chart"/ci/*-values.yaml; do
  variant=$(basename "$values" -values.yaml)
  if out=$(template cc "$work/notes-chart" -f "$values" --show-only templates/zz-notes.yaml 2>&1) &&
    grep -q 'helm test cc' <<<"$out"; then
    ok "$variant: NOTES.txt renders"
  else
    not_ok "$variant: NOTES.txt renders" "$out"
  fi
done

# --- 4. skaffold.yaml's helm values --------------------------------------------------------------
# There is no skaffold here, so a throwaway chart reads skaffold.yaml with helm itself: it
# applies a profile's setValues patches and fills setValueTemplates the way skaffold would,
# with each artifact's image as IMAGE_REPO_* and "skaffold-test" as IMAGE_TAG_*.
echo "skaffold.yaml"
mkdir -p "$work/skaffold-chart/templates"
cp "$repo/skaffold.yaml" "$work/skaffold-chart/skaffold.yaml"
printf 'apiVersion: v2\nname: skaffold-args\nversion: 0.0.0\n' >"$work/skaffold-chart/Chart.yaml"
cat >"$work/skaffold-chart/templates/args.yaml" <<'EOF'
{{- $sk := .Files.Get "skaffold.yaml" | fromYaml }}
{{- $release := index $sk.deploy.helm.releases 0 }}
{{- $ctx := dict "Template" $.Template }}
{{- range $sk.build.artifacts }}
{{- $key := regexReplaceAll "[^A-Za-z0-9]" .image "_" }}
{{- $_ := set $ctx (printf "IMAGE_REPO_%s" $key) .image }}
{{- $_ := set $ctx (printf "IMAGE_TAG_%s" $key) "skaffold-test" }}
{{- end }}
{{- $values := deepCopy ($release.setValues | default dict) }}
{{- $found := not .Values.profile }}
{{- range ($sk.profiles | default list) }}
{{- if eq .name $.Values.profile }}
{{- $found = true }}
{{- range .patches }}
{{- $prefix := "/deploy/helm/releases/0/setValues/" }}
{{- if not (hasPrefix $prefix .path) }}{{ fail (printf "test.sh cannot apply patch %s" .path) }}{{ end }}
{{- $_ := set $values (trimPrefix $prefix .path) .value }}
{{- end }}
{{- end }}
{{- end }}
{{- if not $found }}{{ fail (printf "no profile %s in skaffold.yaml" .Values.profile) }}{{ end }}
# release {{ $release.name }}
# chart {{ $release.chartPath }}
{{- range $k, $v := $values }}
# --set={{ $k }}={{ $v }}
{{- end }}
{{- range $k, $v := $release.setValueTemplates }}
# --set={{ $k }}={{ tpl $v $ctx }}
{{- end }}
{{- range $sk.portForward }}
# port-forward {{ .resourceType }}/{{ .resourceName }}
{{- end }}
EOF
for profile in "" dev ha; do
  label=${profile:-base}
  if ! args=$(template s "$work/skaffold-chart" --set "profile=$profile" 2>&1); then
    not_ok "$label: read skaffold.yaml" "$args"
    continue
  fi
  release=$(sed -n 's/^# release //p' <<<"$args")
  chart_path=$(sed -n 's/^# chart //p' <<<"$args")
  mapfile -t sets < <(sed -n 's/^# \(--set=.*\)$/\1/p' <<<"$args")
  out="$work/skaffold-$label.yaml"
  if template "$release" "$repo/$chart_path" "${sets[@]}" >"$out" 2>"$out.err"; then
    ok "$label: chart renders with skaffold's values"
  else
    not_ok "$label: chart renders with skaffold's values" "$(cat "$out.err")"
    continue
  fi
  expect_count "$label: images are skaffold's artifacts" "$out" '^          image: "connect-center-[a-z]+:skaffold-test"$' 5
  forward=$(sed -n 's|^# port-forward service/||p' <<<"$args")
  if awk -v want="$forward" '/^kind:/ { kind = $2 } /^  name: / && kind == "Service" && $2 == want { found = 1 } END { exit !found }' "$out"; then
    ok "$label: port-forward target Service $forward exists"
  else
    not_ok "$label: port-forward target Service $forward exists"
  fi
  case $label in
    base) expect_count "base: log level info, single-broker replication" "$out" '^(  LOG_LEVEL: "info"|  KAFKA_TOPIC_REPLICATION_FACTOR: "1")$' 2 ;;
    dev) expect_count "dev: log level debug, 1 replica" "$out" '^(  LOG_LEVEL: "debug"|  replicas: 1)$' 6 ;;
    ha) expect_count "ha: HPA and PDB per service" "$out" '^kind: (HorizontalPodAutoscaler|PodDisruptionBudget)$' 10 ;;
  esac
done

# --- 5. values that must be refused ------------------------------------------------------------
echo "refused values"
# The chart's own defaults lack both required values: one failure must name both.
refused "chart defaults: brokers and Mongo Secret both reported" \
  "kafka.brokers: give at least one bootstrap broker"$'\n'"mongodb.existingSecret: name the Secret holding the MongoDB URI"
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
refused "env overriding a chart-managed variable" "services.intake.env.MONGODB_URI: set by the chart" "${base[@]}" --set-string services.intake.env.MONGODB_URI=x
refused "PDB that blocks drains" "services.intake.pdb.maxUnavailable: 0 would block" "${base[@]}" --set services.intake.pdb.enabled=true --set services.intake.pdb.maxUnavailable=0
refused "HPA minimum above maximum" "services.reporting.autoscaling: minReplicas 5 exceeds maxReplicas 4" "${base[@]}" --set services.reporting.autoscaling.enabled=true --set services.reporting.autoscaling.minReplicas=5
refused "Ingress without hosts" "ingress.hosts: give at least one host" "${base[@]}" --set ingress.enabled=true
refused "every service disabled" "services: every service is disabled" "${base[@]}" \
  --set services.intake.enabled=false --set services.membership.enabled=false --set services.grievance.enabled=false \
  --set services.notification.enabled=false --set services.reporting.enabled=false
# And what must still render:
check "replicas 0 on a disabled service is fine" template t "$chart" "${base[@]}" --set services.grievance.enabled=false --set services.grievance.replicas=0
check "per-service Mongo Secrets replace the global one" template t "$chart" -f "$chart/ci/default-values.yaml" --set mongodb.existingSecret= \
  --set services.intake.mongodb.existingSecret=a --set services.membership.mongodb.existingSecret=b --set services.grievance.mongodb.existingSecret=c \
  --set services.notification.mongodb.existingSecret=d --set services.reporting.mongodb.existingSecret=e

# --- summary -------------------------------------------------------------------------------------
echo
echo "helm/test.sh: $passed passed, $failed failed, in $((SECONDS - started))s"
[ "$failed" -eq 0 ]
