#!/usr/bin/env bash
# Publishes the synthesized stacks (cdktf.out/stacks/) as the content of a
# deployment branch, for VCS-driven Terraform Cloud workspaces: Terraform Cloud
# runs plain Terraform, not cdktf, so it reads the synthesized folder from that
# branch (working directory cdktf.out/stacks/<stack>).
#
#   TF_CLOUD_ORGANIZATION=acme TF_WORKSPACE=batch-prod npm run synth
#   scripts/publish-stack.sh deploy [origin]
#
# Each run makes one commit on <branch> whose tree is exactly cdktf.out/stacks/
# (plus a README saying the branch is generated), parented on the branch's
# current tip, with a message naming the source commit, and pushes it (never
# forced). No change: no commit. The working tree, the index and the local
# branches are never touched: the tree is built in a temporary index.
#
# Exit status: 0 published or nothing to publish; 2 refused (wrong folder, no
# synthesis, a stack without a Terraform Cloud backend, a branch that is not a
# deployment branch); 1 a git command failed (fetch, push).
set -euo pipefail

readonly STACKS_DIR="cdktf.out/stacks"
readonly USAGE="usage: scripts/publish-stack.sh <branch> [remote]   (from the project root, after npm run synth; remote default: origin)"

say() { printf 'publish-stack: %s\n' "$*"; }
refuse() {
  printf 'publish-stack: %s\n' "$*" >&2
  exit 2
}
fail() {
  printf 'publish-stack: %s\n' "$*" >&2
  exit 1
}

case "${1:-}" in
  -h | --help)
    echo "$USAGE"
    exit 0
    ;;
esac
if [[ $# -lt 1 || $# -gt 2 || -z "${1:-}" || -z "${2-origin}" ]]; then
  refuse "$USAGE"
fi
branch=$1
remote=${2:-origin}

# 1. The project root, with a synthesis of Terraform Cloud stacks.
[[ -f cdktf.json ]] || refuse "no cdktf.json in $PWD: run this from the project root (the folder with cdktf.json)"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || refuse "$PWD is not in a git repository: the published commit names its source commit"
git check-ref-format --branch "$branch" >/dev/null 2>&1 || refuse "'$branch' is not a valid branch name"
current=$(git symbolic-ref -q --short HEAD || true)
[[ "$branch" != "$current" ]] || refuse "'$branch' is the branch checked out here: publish to a separate deployment branch (e.g. deploy), its content is replaced by the stacks"

stack_files=()
if [[ -d "$STACKS_DIR" ]]; then
  for dir in "$STACKS_DIR"/*/; do
    [[ -d "$dir" ]] || continue
    stack=$(basename "$dir")
    [[ -f "$STACKS_DIR/$stack/cdk.tf.json" ]] || refuse "$STACKS_DIR/$stack has no cdk.tf.json: the synthesis did not finish; run npm run synth again"
    stack_files+=("$STACKS_DIR/$stack/cdk.tf.json")
  done
fi
[[ ${#stack_files[@]} -gt 0 ]] || refuse "no synthesized stack in $STACKS_DIR/: run npm run synth first (with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set)"
say "project $PWD: ${#stack_files[@]} stack(s) in $STACKS_DIR/"

# A local backend on a deployment branch would have Terraform Cloud run with
# throw-away local state: every stack must carry its cloud block.
node -e '
const fs = require("fs");
for (const file of process.argv.slice(1)) {
  const stack = file.split("/").slice(-2)[0];
  let tf;
  try {
    tf = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`publish-stack: ${file} is not valid JSON (${error.message}): run npm run synth again`);
    process.exit(2);
  }
  const cloud = tf.terraform && tf.terraform.cloud;
  if (!cloud || !cloud.organization) {
    const backend = Object.keys((tf.terraform && tf.terraform.backend) || {})[0] || "local";
    console.error(
      `publish-stack: ${file} has no terraform.cloud block (backend "${backend}"): it was synthesized without TF_CLOUD_ORGANIZATION, ` +
        `and Terraform Cloud would run it with throw-away local state; synthesize again with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set, then publish`,
    );
    process.exit(2);
  }
  const workspaces = cloud.workspaces || {};
  const target = workspaces.name ? `workspace ${workspaces.name}` : `workspaces tagged ${(workspaces.tags || []).join(",")}`;
  console.log(`publish-stack: stack ${stack}: Terraform Cloud organization ${cloud.organization}${cloud.hostname ? ` on ${cloud.hostname}` : ""}, ${target}`);
}
' "${stack_files[@]}" || exit $?

# Only what the synthesis writes in a stack folder is published (the same
# allow-list as the folder's .terraformignore): not what Terraform wrote there
# (.terraform/, the lock file of the providers it installed, which after a
# plan through the drop-in stand-in holds checksums the real provider does
# not have, states, saved plans), nor files left there by hand (an
# override.tf or *.auto.tfvars would change Terraform Cloud's plan).
synthesized_names=( \( -name cdk.tf.json -o -name terraform.tfvars -o -name terraform.tfvars.json -o -name .terraformignore -o -name assets \) )
odd=$(for dir in "$STACKS_DIR"/*/; do find "${dir%/}" -mindepth 1 -maxdepth 1 "${synthesized_names[@]}" -print0 | xargs -0 -r -I{} find {} ! -type f ! -type d; done | sed -n 1p)
[[ -z "$odd" ]] || refuse "$odd is neither a file nor a folder (a symlink?): the stack folders must be self-contained; run npm run synth again"
while IFS= read -r skipped; do
  say "skipping $skipped (not written by the synthesis)"
done < <(for dir in "$STACKS_DIR"/*/; do find "${dir%/}" -mindepth 1 -maxdepth 1 ! "${synthesized_names[@]}" -print; done | LC_ALL=C sort)

# 2. The source commit.
source_commit=$(git rev-parse --verify -q 'HEAD^{commit}') || refuse "this repository has no commit yet: commit the project, then synthesize and publish"
source_subject=$(git log -1 --format=%s "$source_commit")
# --no-optional-locks: not even git's opportunistic refresh of the index.
dirty=$(git --no-optional-locks status --porcelain | sed -n 1p)
if [[ -n "$dirty" ]]; then
  say "warning: the working tree has uncommitted changes (e.g. '$dirty'): the stacks may not be those of $source_commit"
fi
say "source commit $source_commit ($source_subject)"

# 3. The branch's current tip on the remote, if it exists.
set +e
remote_refs=$(git ls-remote --exit-code --heads "$remote" "refs/heads/$branch")
status=$?
set -e
# ls-remote matches the end of ref names: keep refs/heads/<branch> only.
tip=$(printf '%s\n' "$remote_refs" | awk -v ref="refs/heads/$branch" '$2 == ref { print $1 }')
if [[ $status -eq 2 || ( $status -eq 0 && -z "$tip" ) ]]; then
  say "$branch does not exist on $remote yet: it will be created"
elif [[ $status -ne 0 ]]; then
  fail "cannot list the branches of '$remote' (git ls-remote exit $status): is it a configured remote or a reachable URL?"
else
  fetch_args=(--quiet --no-tags --no-write-fetch-head)
  # A shallow CI checkout stays shallow: the tip is enough to build on.
  [[ "$(git rev-parse --is-shallow-repository)" == "true" ]] && fetch_args+=(--depth=1)
  git fetch "${fetch_args[@]}" "$remote" "refs/heads/$branch" || fail "cannot fetch $branch from $remote"
  git cat-file -e "$tip^{commit}" 2>/dev/null || fail "$branch on $remote moved while fetching: run this again"
  # Only a branch this script made: anything else (a source branch) would lose its files.
  others=$(git ls-tree --name-only "$tip" | grep -v -x -e cdktf.out -e README.md || true)
  [[ -z "$others" ]] || refuse "$branch on $remote holds files other than cdktf.out/ and README.md ($(printf '%s' "$others" | tr '\n' ' ' | cut -c1-80)): it is not a deployment branch made by this script; choose another branch"
  say "fetched $branch from $remote: tip $tip"
fi

# 4. The new tree, in a temporary index: cdktf.out/stacks/** and the README.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/publish-stack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export GIT_INDEX_FILE="$tmp/index"
for dir in "$STACKS_DIR"/*/; do find "${dir%/}" -mindepth 1 -maxdepth 1 "${synthesized_names[@]}" -print0 | xargs -0 -r -I{} find {} -type f; done | LC_ALL=C sort >"$tmp/files"
# The bytes as synthesized: no clean filter, no end-of-line conversion.
git hash-object -w --no-filters --stdin-paths <"$tmp/files" >"$tmp/hashes"
while IFS= read -r file && IFS= read -r hash <&3; do
  mode=100644
  [[ -x "$file" ]] && mode=100755
  printf '%s %s\t%s\n' "$mode" "$hash" "$file"
done <"$tmp/files" 3<"$tmp/hashes" >"$tmp/index-info"
cat >"$tmp/README.md" <<'EOF'
# Generated branch: synthesized Terraform stacks

Do not edit this branch. CI replaces its content with the output of
`npm run synth` (`cdktf.out/stacks/`) on every push to the source branch,
with `scripts/publish-stack.sh`; each commit names its source commit.

A Terraform Cloud workspace connected to this branch uses the working
directory `cdktf.out/stacks/<stack>` (e.g. `cdktf.out/stacks/batch`).
Change the stacks in the source branch (TypeScript, `terraform.tfvars`,
`job-definitions/`), never here.
EOF
printf '100644 %s\tREADME.md\n' "$(git hash-object -w --no-filters "$tmp/README.md")" >>"$tmp/index-info"
git update-index --add --index-info <"$tmp/index-info"
tree=$(git write-tree)
unset GIT_INDEX_FILE
say "tree $tree: $(wc -l <"$tmp/files" | tr -d ' ') file(s) under $STACKS_DIR/, plus README.md"

if [[ -n "$tip" && "$(git rev-parse "$tip^{tree}")" == "$tree" ]]; then
  say "nothing changed: $branch on $remote already holds these stacks (tip $tip); no new commit"
  exit 0
fi

# 5. The commit, on top of the tip.
stacks_line=$(for file in "${stack_files[@]}"; do basename "$(dirname "$file")"; done | tr '\n' ' ')
{
  printf 'Publish %s/ from %s\n\n' "$STACKS_DIR" "$source_commit"
  printf 'Synthesized by npm run synth from commit %s (%s).\n' "$source_commit" "$source_subject"
  printf 'Stacks: %s\n' "${stacks_line% }"
  [[ -z "$dirty" ]] || printf 'The working tree had uncommitted changes.\n'
} >"$tmp/message"
# A CI runner usually has no git identity: fall back to one naming this script.
git config user.name >/dev/null || [[ -n "${GIT_AUTHOR_NAME:-}" ]] || export GIT_AUTHOR_NAME="publish-stack"
git config user.email >/dev/null || [[ -n "${GIT_AUTHOR_EMAIL:-}${EMAIL:-}" ]] || export GIT_AUTHOR_EMAIL="publish-stack@localhost"
git config user.name >/dev/null || [[ -n "${GIT_COMMITTER_NAME:-}" ]] || export GIT_COMMITTER_NAME="${GIT_AUTHOR_NAME:-publish-stack}"
git config user.email >/dev/null || [[ -n "${GIT_COMMITTER_EMAIL:-}${EMAIL:-}" ]] || export GIT_COMMITTER_EMAIL="${GIT_AUTHOR_EMAIL:-publish-stack@localhost}"
parents=()
[[ -z "$tip" ]] || parents=(-p "$tip")
commit=$(git commit-tree "$tree" ${parents[@]+"${parents[@]}"} -F "$tmp/message")
if [[ -n "$tip" ]]; then
  say "commit $commit on top of $tip"
else
  say "commit $commit, the first of $branch"
fi

# 6. The push: a fast-forward, never forced.
git push --quiet "$remote" "$commit:refs/heads/$branch" ||
  fail "push to $branch on $remote rejected (it moved since the fetch, or is protected): run this again; nothing was forced"
say "pushed $commit to $branch on $remote"
