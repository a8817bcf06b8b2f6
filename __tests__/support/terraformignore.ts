// What Terraform Cloud uploads from a folder: a port of go-slug, the library
// the Terraform CLI and the API-driven workflow's upload-configuration pack a
// configuration with (hashicorp/go-slug internal/ignorefiles/terraformignore.go
// readRules and rule.compile, ignorerules.go Ruleset.Excludes, slug.go
// Packer.packWalkFn), so that a .terraformignore is tested as Terraform reads it.
import * as fs from "fs";
import * as path from "path";

interface Rule {
  readonly regex: RegExp;
  readonly negated: boolean;
  negationsAfter: boolean;
}

/** rule.compile: `**` any depth, `*` and `?` within one path segment, `.` and `$` literal. */
function compile(pattern: string): RegExp {
  let regex = "^";
  for (let index = 0; index < pattern.length; index += 1) {
    const ch = pattern[index];
    if (ch === "*") {
      if (pattern[index + 1] === "*") {
        index += 1;
        if (pattern[index + 1] === "/") {
          index += 1;
        }
        regex += index + 1 >= pattern.length ? ".*" : "(.*/)?";
      } else {
        regex += "[^/]*";
      }
    } else if (ch === "?") {
      regex += "[^/]";
    } else if (ch === "." || ch === "$") {
      regex += `\\${ch}`;
    } else if (ch === "\\") {
      // A trailing backslash stays one: the rule does not compile, and go-slug ignores it.
      regex += index + 1 < pattern.length ? `\\${pattern[++index]}` : "\\";
    } else {
      // Like go-slug, every other character goes to the regular expression as is ([ab] is a class).
      regex += ch;
    }
  }
  try {
    return new RegExp(`${regex}$`);
  } catch {
    return /(?!)/; // rule.match's filepath.ErrBadPattern: Ruleset.Excludes goes on without the rule.
  }
}

/** readRules: the default exclusions (.git/, .terraform/ but its modules/), then the file's rules. */
export function readRules(text: string | undefined): Rule[] {
  const rules: Rule[] = [
    { regex: compile("**/.git/**"), negated: false, negationsAfter: true },
    { regex: compile("**/.terraform/**"), negated: false, negationsAfter: true },
    { regex: compile("**/.terraform/modules/**"), negated: true, negationsAfter: false },
  ];
  for (const line of (text ?? "").split("\n")) {
    let pattern = line.trim();
    if (pattern.length === 0 || pattern.startsWith("#")) {
      continue;
    }
    const negated = pattern.startsWith("!");
    if (negated) {
      pattern = pattern.slice(1);
      for (let index = rules.length - 1; index >= 0 && !rules[index].negationsAfter; index -= 1) {
        rules[index].negationsAfter = true;
      }
    }
    if (pattern.endsWith("/")) {
      pattern += "**";
    }
    pattern = pattern.startsWith("/") ? pattern.slice(1) : `**/${pattern}`;
    rules.push({ regex: compile(pattern), negated, negationsAfter: false });
  }
  return rules;
}

/** Ruleset.Excludes: the last matching rule decides; dominating when no negation follows it. */
function excludes(rules: readonly Rule[], subpath: string): { excluded: boolean; dominating: boolean } {
  let excluded = false;
  let dominating = false;
  for (const rule of rules) {
    if (rule.regex.test(subpath)) {
      excluded = !rule.negated;
      dominating = excluded && !rule.negationsAfter;
    }
  }
  return { excluded, dominating };
}

/** The files Packer.packWalkFn puts in the slug of `root` (its .terraformignore applied), "/"-separated and sorted. */
export function uploadedFiles(root: string): string[] {
  const ignoreFile = path.join(root, ".terraformignore");
  const rules = readRules(fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, "utf8") : undefined);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      const subpath = path.relative(root, full).split(path.sep).join("/");
      // filepath.Walk does not follow symbolic links: one is an entry of its own.
      const isDir = entry.isDirectory();
      if (excludes(rules, subpath).excluded) {
        if (isDir) {
          walk(full); // packWalkFn returns nil: the walk still enters the folder.
        }
        continue;
      }
      if (isDir) {
        const folder = excludes(rules, `${subpath}/`);
        if (!(folder.excluded && folder.dominating)) {
          walk(full);
        }
        continue;
      }
      files.push(subpath);
    }
  };
  walk(root);
  return files.sort();
}
