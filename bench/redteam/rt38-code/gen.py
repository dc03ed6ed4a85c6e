#!/usr/bin/env python3
"""rt38-code: blind red-team corpus for Sieve's source-code / confidential-material detection.

Positives: proprietary or confidential source code and engineering material (company copyright +
"proprietary", unauthorized-copying notices, SPDX LicenseRef-Proprietary, "Company Confidential",
INTERNAL USE ONLY, non-English markings, export-control and classification banners, trade-secret / NDA
notices, confidential design docs, internal .proto / OpenAPI specs, evasions) shown the way coding agents
upload files.  Negatives: open-source licence headers, code and docs that merely *talk about*
confidentiality, licence text, lockfiles, vendored code, minified bundles, snippets.

Deterministic: random.Random(3803).  Python 3 standard library only.
Writes manifest.jsonl and cases/<id>.http (saved raw HTTP requests) next to this file."""
import base64, gzip, json, os, random, shutil

R = random.Random(3803)
HERE = os.path.dirname(os.path.abspath(__file__))
CASEDIR = os.path.join(HERE, "cases")
OUT = os.path.join(HERE, "manifest.jsonl")

# ------------------------------------------------------------------ synthetic organisations
COMPANIES = [  # (full name, slug, domain) -- all invented
    ("Kestrel Robotics Inc.", "kestrel", "kestrel-robotics.com"),
    ("Brightwater Analytics GmbH", "brightwater", "brightwater-analytics.de"),
    ("Obsidian Payments Ltd.", "obsidianpay", "obsidianpay.co.uk"),
    ("Quillfeather Systems LLC", "quillfeather", "quillfeather.io"),
    ("Halcyon Avionics Corp.", "halcyon", "halcyon-avionics.com"),
    ("Tessaract Biotech AG", "tessaract", "tessaract-bio.ch"),
    ("Marlowe & Finch Capital LP", "marlowefinch", "marlowefinch.com"),
    ("Northgate Freight S.A.", "northgate", "northgate-freight.es"),
    ("Yamabuki Denshi K.K.", "yamabuki", "yamabuki-denshi.co.jp"),
    ("Lindqvist Maritime AB", "lindqvist", "lindqvist-maritime.se"),
    ("Corvid Security Pty Ltd", "corvid", "corvidsec.com.au"),
    ("Acme Corp", "acme", "acme-corp.example"),
]
OSS_PROJECTS = [  # (copyright holder line, slug, dotted package root)
    ("The Kubernetes Authors", "kube", "io.k8s"), ("The Apache Software Foundation", "apache", "org.apache.fluxlog"),
    ("Google LLC", "gapi", "com.google.cloud.tools"), ("The Go Authors", "golang", "org.golang.x"),
    ("The Chromium Authors", "chromium", "org.chromium.base"), ("The OpenTelemetry Authors", "otel", "io.opentelemetry.sdk"),
    ("the original author or authors", "spring", "org.springframework.data"), ("The Rust Project Developers", "rust", "org.rustlang"),
    ("Jane Doe and contributors", "tinyhttp", "io.github.tinyhttp"), ("The Tokio Contributors", "tokio", "rs.tokio"),
    ("Meta Platforms, Inc. and affiliates", "react", "com.facebook.react"), ("Microsoft Corporation", "ms", "com.microsoft.vscode"),
]
TEAMS = ["payments-core", "risk-eng", "platform", "flight-sw", "ml-infra", "ledger", "routing", "firmware"]
PROJECTS = ["Atlas", "Heron", "Bluefin", "Copperhead", "Meridian", "Nimbus", "Sparrow", "Tidewater", "Juniper", "Quasar"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

def company():
    full, slug, dom = R.choice(COMPANIES)
    full = full.rstrip(".")
    return {"CO": full, "co": slug, "dom": dom, "pkg": ".".join(reversed(dom.split(".")[-2:])).replace("-", "") + "." + slug,
            "Y": str(R.randint(2016, 2025)), "Y1": str(R.randint(2008, 2015)), "team": R.choice(TEAMS), "proj": R.choice(PROJECTS),
            "CoNoSpace": full.split()[0].replace("&", ""), "month": R.choice(MONTHS), "n": str(R.randint(1000, 9999)),
            "partner": R.choice(["Vellum Partners", "Ostrander Consulting", "Greyhaven Integrators"]),
            "author": R.choice(["P. Raman", "J. Becker", "M. Tanaka", "C. Ortega", "A. Nilsson", "L. Moreau"])}
def oss():
    h, slug, pkg = R.choice(OSS_PROJECTS)
    return {"CO": h, "co": slug, "pkg": pkg, "Y": str(R.randint(2012, 2025)), "Y1": str(R.randint(2001, 2011)),
            "proj": slug, "team": "maintainers", "dom": "example.org", "CoNoSpace": slug, "month": R.choice(MONTHS),
            "n": str(R.randint(100, 999)), "partner": "", "author": ""}

# ------------------------------------------------------------------ languages, comment styles, code bodies
LANGS = {  # name: (extension, comment styles, [bodies]) ; bodies use {pkg} {co} {proj}
 "java": ("java", ["block", "javadoc", "slash", "banner"], [
'package {pkg}.pricing;\n\nimport java.math.BigDecimal;\nimport java.math.RoundingMode;\nimport java.util.List;\n\npublic final class DiscountEngine {{\n    private static final BigDecimal CAP = new BigDecimal("0.35");\n\n    public BigDecimal apply(BigDecimal base, List<Rule> rules) {{\n        BigDecimal pct = BigDecimal.ZERO;\n        for (Rule r : rules) {{\n            if (r.matches(base)) {{\n                pct = pct.add(r.percent());\n            }}\n        }}\n        return base.multiply(BigDecimal.ONE.subtract(pct.min(CAP))).setScale(2, RoundingMode.HALF_EVEN);\n    }}\n}}\n',
'package {pkg}.routing;\n\nimport java.util.PriorityQueue;\nimport java.util.Map;\n\nclass LaneScorer {{\n    private final Map<String, Double> weights;\n\n    LaneScorer(Map<String, Double> weights) {{ this.weights = weights; }}\n\n    double score(Lane lane) {{\n        double s = weights.getOrDefault("base", 1.0);\n        s += lane.distanceKm() * weights.getOrDefault("km", 0.002);\n        s -= lane.reliability() * weights.getOrDefault("rel", 0.4);\n        return Math.max(0, s);\n    }}\n\n    Lane best(Iterable<Lane> lanes) {{\n        PriorityQueue<Lane> q = new PriorityQueue<>((a, b) -> Double.compare(score(a), score(b)));\n        lanes.forEach(q::add);\n        return q.peek();\n    }}\n}}\n']),
 "python": ("py", ["hash", "docstring"], [
'from dataclasses import dataclass\nfrom typing import Iterable\n\n\n@dataclass(frozen=True)\nclass Txn:\n    amount_minor: int\n    merchant_mcc: str\n    country: str\n    velocity_1h: int\n\n\nWEIGHTS = {{"mcc_risk": 0.42, "xborder": 0.31, "velocity": 0.27}}\nHIGH_RISK_MCC = {{"4829", "6051", "7995"}}\n\n\ndef score(txn: Txn, home: str = "GB") -> float:\n    s = WEIGHTS["mcc_risk"] * (txn.merchant_mcc in HIGH_RISK_MCC)\n    s += WEIGHTS["xborder"] * (txn.country != home)\n    s += WEIGHTS["velocity"] * min(txn.velocity_1h / 12, 1.0)\n    return round(s, 4)\n\n\ndef batch(txns: Iterable[Txn]) -> list[float]:\n    return [score(t) for t in txns]\n',
'import asyncio\nimport logging\n\nlog = logging.getLogger("{co}.{proj}.sync")\n\n\nclass Reconciler:\n    def __init__(self, ledger, bank, tolerance_minor=2):\n        self.ledger = ledger\n        self.bank = bank\n        self.tol = tolerance_minor\n\n    async def run(self, day):\n        ours, theirs = await asyncio.gather(self.ledger.entries(day), self.bank.statement(day))\n        unmatched = []\n        for e in ours:\n            m = theirs.pop(e.ref, None)\n            if m is None or abs(m.amount - e.amount) > self.tol:\n                unmatched.append(e)\n        log.info("day=%s unmatched=%d leftover=%d", day, len(unmatched), len(theirs))\n        return unmatched, list(theirs.values())\n']),
 "go": ("go", ["slash", "block"], [
'package ratelimit\n\nimport (\n\t"sync"\n\t"time"\n)\n\n// Bucket is a token bucket tuned for the {proj} edge tier.\ntype Bucket struct {{\n\tmu       sync.Mutex\n\ttokens   float64\n\tcapacity float64\n\trefill   float64\n\tlast     time.Time\n}}\n\nfunc (b *Bucket) Allow(now time.Time) bool {{\n\tb.mu.Lock()\n\tdefer b.mu.Unlock()\n\tb.tokens = min(b.capacity, b.tokens+now.Sub(b.last).Seconds()*b.refill)\n\tb.last = now\n\tif b.tokens < 1 {{\n\t\treturn false\n\t}}\n\tb.tokens--\n\treturn true\n}}\n']),
 "ts": ("ts", ["slash", "block", "javadoc"], [
'import {{ z }} from "zod";\n\nexport const Quote = z.object({{\n  lane: z.string(),\n  weightKg: z.number().positive(),\n  express: z.boolean().default(false),\n}});\nexport type Quote = z.infer<typeof Quote>;\n\nconst BASE_EUR_PER_KG = 0.87;\nconst EXPRESS_MULT = 1.65;\n\nexport function price(q: Quote, fuelIndex: number): number {{\n  const base = q.weightKg * BASE_EUR_PER_KG * (1 + fuelIndex / 100);\n  return Math.round((q.express ? base * EXPRESS_MULT : base) * 100) / 100;\n}}\n']),
 "js": ("js", ["slash", "block"], [
"'use strict';\n\nconst express = require('express');\nconst router = express.Router();\n\nrouter.get('/v2/quotes/:lane', async (req, res) => {{\n  const lane = await req.app.locals.lanes.find(req.params.lane);\n  if (!lane) return res.status(404).json({{ error: 'unknown lane' }});\n  res.json({{ lane: lane.id, eta: lane.etaHours, price: lane.base * 1.12 }});\n}});\n\nmodule.exports = router;\n"]),
 "c": ("c", ["block", "banner"], [
'#include <stdint.h>\n#include <string.h>\n\n#define FRAME_SYNC 0x7Eu\n\nstatic uint16_t crc16_ccitt(const uint8_t *p, size_t n) {{\n    uint16_t crc = 0xFFFF;\n    while (n--) {{\n        crc ^= (uint16_t)(*p++) << 8;\n        for (int i = 0; i < 8; i++)\n            crc = (crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1;\n    }}\n    return crc;\n}}\n\nint telemetry_pack(uint8_t *out, const uint8_t *payload, size_t len) {{\n    out[0] = FRAME_SYNC;\n    memcpy(out + 1, payload, len);\n    uint16_t c = crc16_ccitt(payload, len);\n    out[len + 1] = c >> 8;\n    out[len + 2] = c & 0xFF;\n    return (int)len + 3;\n}}\n']),
 "cpp": ("cpp", ["slash", "block"], [
'#include <vector>\n#include <cmath>\n\nnamespace {co}::guidance {{\n\nstruct State {{ double x, y, vx, vy; }};\n\nState step(const State& s, double ax, double ay, double dt) {{\n    return {{s.x + s.vx * dt + 0.5 * ax * dt * dt,\n            s.y + s.vy * dt + 0.5 * ay * dt * dt,\n            s.vx + ax * dt, s.vy + ay * dt}};\n}}\n\ndouble miss_distance(const std::vector<State>& track, double tx, double ty) {{\n    double best = 1e18;\n    for (const auto& s : track) best = std::min(best, std::hypot(s.x - tx, s.y - ty));\n    return best;\n}}\n\n}}  // namespace {co}::guidance\n']),
 "rust": ("rs", ["slash", "rustdoc"], [
'use std::collections::BTreeMap;\n\n#[derive(Debug, Clone, Copy, PartialEq)]\npub struct Level {{\n    pub price: i64,\n    pub qty: i64,\n}}\n\n#[derive(Default)]\npub struct Book {{\n    bids: BTreeMap<i64, i64>,\n    asks: BTreeMap<i64, i64>,\n}}\n\nimpl Book {{\n    pub fn apply(&mut self, side: char, l: Level) {{\n        let m = if side == \'b\' {{ &mut self.bids }} else {{ &mut self.asks }};\n        if l.qty == 0 {{ m.remove(&l.price); }} else {{ m.insert(l.price, l.qty); }}\n    }}\n\n    pub fn mid(&self) -> Option<f64> {{\n        let b = self.bids.keys().next_back()?;\n        let a = self.asks.keys().next()?;\n        Some((*a + *b) as f64 / 2.0)\n    }}\n}}\n']),
 "kotlin": ("kt", ["block", "slash", "javadoc"], [
'package {pkg}.onboarding\n\nimport kotlinx.coroutines.flow.Flow\nimport kotlinx.coroutines.flow.map\n\ndata class Applicant(val id: String, val income: Long, val debts: Long, val months: Int)\n\nclass AffordabilityModel(private val dtiLimit: Double = 0.43) {{\n    fun decide(a: Applicant): Boolean {{\n        if (a.months < 6) return false\n        val dti = a.debts.toDouble() / a.income.coerceAtLeast(1)\n        return dti <= dtiLimit\n    }}\n\n    fun stream(src: Flow<Applicant>): Flow<Pair<String, Boolean>> = src.map {{ it.id to decide(it) }}\n}}\n']),
 "csharp": ("cs", ["slash", "block"], [
'using System;\nusing System.Collections.Generic;\nusing System.Linq;\n\nnamespace {CoNoSpace}.Inventory.Core\n{{\n    public sealed class ReorderPlanner\n    {{\n        private readonly double _serviceLevelZ = 1.65;\n\n        public int ReorderPoint(IReadOnlyList<int> dailyDemand, int leadDays)\n        {{\n            var mean = dailyDemand.Average();\n            var sd = Math.Sqrt(dailyDemand.Select(d => Math.Pow(d - mean, 2)).Average());\n            return (int)Math.Ceiling(mean * leadDays + _serviceLevelZ * sd * Math.Sqrt(leadDays));\n        }}\n    }}\n}}\n']),
 "swift": ("swift", ["slash"], [
'import Foundation\n\nstruct Fare: Codable {{\n    let base: Decimal\n    let surge: Decimal\n}}\n\nfinal class FareCalculator {{\n    private let floor: Decimal = 4.5\n\n    func quote(distanceKm: Double, minutes: Double, demand: Double) -> Fare {{\n        let base = Decimal(1.1 * distanceKm + 0.32 * minutes)\n        let surge = Decimal(max(1.0, min(demand / 0.7, 2.8)))\n        return Fare(base: max(base, floor), surge: surge)\n    }}\n}}\n']),
 "sql": ("sql", ["dash", "block"], [
'CREATE OR REPLACE VIEW finance.v_margin_by_customer AS\nSELECT c.customer_id,\n       c.segment,\n       SUM(o.revenue_minor) / 100.0                        AS revenue,\n       SUM(o.cogs_minor) / 100.0                           AS cogs,\n       ROUND(1 - SUM(o.cogs_minor)::numeric / NULLIF(SUM(o.revenue_minor), 0), 4) AS gross_margin\nFROM   sales.orders o\nJOIN   crm.customers c USING (customer_id)\nWHERE  o.booked_at >= date_trunc(\'quarter\', now()) - interval \'1 year\'\nGROUP  BY c.customer_id, c.segment\nHAVING SUM(o.revenue_minor) > 0;\n']),
 "shell": ("sh", ["hash"], [
'set -euo pipefail\n\nREGION="${{REGION:-eu-west-1}}"\nCLUSTER="{co}-{proj}-prod"\n\nlog() {{ printf \'%s %s\\n\' "$(date -u +%FT%TZ)" "$*" >&2; }}\n\nfor svc in ledger router quoter; do\n  log "rolling $svc on $CLUSTER"\n  kubectl --context "$CLUSTER" -n core rollout restart "deploy/$svc"\n  kubectl --context "$CLUSTER" -n core rollout status "deploy/$svc" --timeout=300s\ndone\nlog "done"\n']),
 "terraform": ("tf", ["hash", "slash", "block"], [
'terraform {{\n  required_version = ">= 1.6"\n}}\n\nmodule "vpc" {{\n  source     = "git::ssh://git.{dom}/infra/modules//vpc?ref=v3.4.1"\n  name       = "{proj}-prod"\n  cidr_block = var.vpc_cidr\n  azs        = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]\n}}\n\nresource "aws_s3_bucket" "ledger_archive" {{\n  bucket = "{co}-ledger-archive-prod"\n  tags = {{\n    team        = "ledger"\n    cost_center = "cc-4417"\n  }}\n}}\n']),
 "yaml": ("yaml", ["hash"], [
'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {proj}-scorer\n  namespace: risk\nspec:\n  replicas: 6\n  selector:\n    matchLabels: {{app: {proj}-scorer}}\n  template:\n    metadata:\n      labels: {{app: {proj}-scorer}}\n    spec:\n      containers:\n        - name: scorer\n          image: registry.{dom}/risk/scorer:4.12.0\n          resources:\n            limits: {{cpu: "2", memory: 3Gi}}\n']),
 "ruby": ("rb", ["hash"], [
'module Billing\n  class ProrationCalculator\n    def initialize(plan_cents:, period_days: 30)\n      @plan_cents = plan_cents\n      @period_days = period_days\n    end\n\n    def credit_for(days_unused)\n      ((@plan_cents * days_unused) / @period_days.to_f).floor\n    end\n  end\nend\n']),
 "scala": ("scala", ["block", "slash"], [
'package {pkg}.features\n\nimport org.apache.spark.sql.{{DataFrame, functions => F}}\n\nobject ChurnFeatures {{\n  def build(events: DataFrame): DataFrame =\n    events\n      .groupBy("account_id")\n      .agg(\n        F.countDistinct("session_id").as("sessions_30d"),\n        F.avg("basket_value").as("avg_basket"),\n        F.max("days_since_login").as("recency")\n      )\n}}\n']),
 "php": ("php", ["block", "slash"], [
'namespace {CoNoSpace}\\Checkout;\n\nfinal class TaxResolver\n{{\n    private const RATES = [\'DE\' => 0.19, \'FR\' => 0.20, \'ES\' => 0.21];\n\n    public function gross(int $netCents, string $country): int\n    {{\n        $rate = self::RATES[$country] ?? 0.0;\n        return (int) round($netCents * (1 + $rate));\n    }}\n}}\n']),
 "html": ("html", ["html"], [
'<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>{proj} ops console</title>\n  <link rel="stylesheet" href="/static/console.css">\n</head>\n<body>\n  <main id="app" data-env="prod"></main>\n  <script type="module" src="/static/console.js"></script>\n</body>\n</html>\n']),
 "proto": ("proto", ["slash"], [
'syntax = "proto3";\n\npackage {co}.ledger.v1;\n\noption go_package = "git.{dom}/ledger/gen/ledgerv1";\n\nservice LedgerService {{\n  rpc PostEntries(PostEntriesRequest) returns (PostEntriesResponse);\n  rpc GetBalance(GetBalanceRequest) returns (Balance);\n}}\n\nmessage Entry {{\n  string account_id = 1;\n  int64 amount_minor = 2;\n  string currency = 3;\n  string idempotency_key = 4;\n}}\n\nmessage PostEntriesRequest {{ repeated Entry entries = 1; }}\nmessage PostEntriesResponse {{ string batch_id = 1; }}\nmessage GetBalanceRequest {{ string account_id = 1; }}\nmessage Balance {{ int64 amount_minor = 1; string currency = 2; }}\n']),
}
CODE_LANGS = list(LANGS)

def comment(style, lines):
    if style == "slash": return "\n".join(("// " + l).rstrip() for l in lines)
    if style == "rustdoc": return "\n".join(("//! " + l).rstrip() for l in lines)
    if style == "hash": return "\n".join(("# " + l).rstrip() for l in lines)
    if style == "dash": return "\n".join(("-- " + l).rstrip() for l in lines)
    if style == "block": return "/*\n" + "\n".join((" * " + l).rstrip() for l in lines) + "\n */"
    if style == "javadoc": return "/**\n" + "\n".join((" * " + l).rstrip() for l in lines) + "\n */"
    if style == "banner": return "/" + "*" * 78 + "\n" + "\n".join((" * " + l).rstrip() for l in lines) + "\n " + "*" * 77 + "/"
    if style == "html": return "<!--\n" + "\n".join(("  " + l).rstrip() for l in lines) + "\n-->"
    if style == "docstring": return '"""\n' + "\n".join(lines) + '\n"""'
    raise ValueError(style)

def fmt(s, v):
    return s.format(**v)

def source_file(lang, header_lines, v, style=None, footer_lines=None):
    """Render a file of language `lang` with a header comment; returns (path, text, style)."""
    ext, styles, bodies = LANGS[lang]
    style = style or R.choice(styles)
    body = fmt(R.choice(bodies), v)
    head = comment(style, header_lines) if header_lines else ""
    pre = ""
    if lang == "python" and R.random() < .4: pre = "#!/usr/bin/env python3\n"
    if lang == "shell": pre = "#!/usr/bin/env bash\n"
    if lang == "php": pre = "<?php\n"
    if lang == "html" and head:
        text = body.replace("<html lang=\"en\">\n", "<html lang=\"en\">\n" + head + "\n", 1)
    else:
        text = pre + (head + "\n\n" if head else "") + body
    if footer_lines:
        text = text.rstrip("\n") + "\n\n" + comment(style if style not in ("docstring",) else "hash", footer_lines) + "\n"
    dirs = {"java": "src/main/java/" + v["pkg"].replace(".", "/") + "/", "kotlin": "src/main/kotlin/", "go": "internal/ratelimit/",
            "python": v["co"] + "/" + v["proj"].lower() + "/", "terraform": "infra/prod/", "sql": "db/views/", "shell": "scripts/",
            "proto": "proto/" + v["co"] + "/ledger/v1/", "yaml": "deploy/k8s/"}
    name = {"java": R.choice(["DiscountEngine", "LaneScorer"]), "python": R.choice(["scoring", "reconcile", "core"]),
            "go": "bucket", "proto": "ledger", "terraform": "main", "yaml": "scorer"}.get(lang, R.choice(["core", "engine", "service", "util"]))
    return dirs.get(lang, "src/") + name + "." + ext, text, style

# ------------------------------------------------------------------ how agents show files (frames)
def gutter(text, style, start=1):
    lines = text.rstrip("\n").split("\n")
    if style == "cc": return "\n".join("%6d\u2192%s" % (i + start, l) for i, l in enumerate(lines))
    return "\n".join("%6d\t%s" % (i + start, l) for i, l in enumerate(lines))
def sha(): return "%040x" % R.getrandbits(160)
def git_show(path, text, v):
    lines = text.rstrip("\n").split("\n")
    return ("commit %s\nAuthor: %s <dev@%s>\nDate:   Tue %s 14:%02d:11 2024 +0100\n\n    Add %s\n\ndiff --git a/%s b/%s\nnew file mode 100644\nindex 0000000..%07x\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n"
            % (sha(), "build-bot", "ci.invalid", "Mar %d" % R.randint(1, 28), R.randint(0, 59), path.split("/")[-1], path, path, R.getrandbits(28), path, len(lines))
            + "\n".join("+" + l for l in lines))
def git_diff(path, text):
    lines = text.rstrip("\n").split("\n")
    k = min(len(lines), 14)
    ins = k - 1
    hunk = [" " + l for l in lines[:ins]] + ["+" + ("    " if lines[ins - 1].startswith(" ") else "") + "// TODO(perf): cache this lookup".replace("//", "#" if path.endswith((".py", ".sh", ".rb", ".yaml", ".tf")) else ("--" if path.endswith(".sql") else "//"))] + [" " + l for l in lines[ins:k]]
    return ("diff --git a/%s b/%s\nindex %07x..%07x 100644\n--- a/%s\n+++ b/%s\n@@ -1,%d +1,%d @@\n" % (path, path, R.getrandbits(28), R.getrandbits(28), path, path, k, k + 1)
            + "\n".join(hunk))
def apply_patch(path, text):
    return "*** Begin Patch\n*** Add File: %s\n" % path + "\n".join("+" + l for l in text.rstrip("\n").split("\n")) + "\n*** End Patch"
FENCE = {"py": "python", "java": "java", "go": "go", "ts": "typescript", "js": "javascript", "c": "c", "cpp": "cpp", "rs": "rust", "kt": "kotlin",
         "cs": "csharp", "swift": "swift", "sql": "sql", "sh": "bash", "tf": "hcl", "yaml": "yaml", "rb": "ruby", "scala": "scala", "php": "php",
         "html": "html", "proto": "protobuf", "md": "markdown", "json": "json", "txt": "text", "css": "css", "properties": "properties", "toml": "toml", "lock": "text", "xml": "xml", "graphql": "graphql"}
ASK = ["Can you refactor this to be more readable?", "Why does this fail the unit tests?", "Add type hints and docstrings please.",
       "Port this to async.", "Find the bug in this file.", "Write tests for this.", "Review this before I open the PR.", "Explain what this does."]
CODE_FRAMES = ["read-cc", "read-cc", "cat-n", "cat", "git-show", "git-diff", "apply-patch", "write-tool", "edit-tool", "paste-fence", "doc-b64", "ipynb"]
DOC_FRAMES = ["read-cc", "cat", "paste", "doc-b64", "web-fetch", "write-tool"]

def ipynb(text):
    cells = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": [l + "\n" for l in text.rstrip("\n").split("\n")]},
             {"cell_type": "markdown", "metadata": {}, "source": ["## Results\n"]}]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}, indent=1)

def frame_items(frame, path, text):
    """Return (items, where).  items: ('user', text) | ('call', name, input) | ('result', text) | ('doc', filename, media, text, prompt)"""
    ext = path.rsplit(".", 1)[-1]
    ask = R.choice(ASK)
    if frame == "read-cc":
        return [("user", ask + " " + path), ("call", "Read", {"file_path": "/home/dev/repo/" + path}), ("result", gutter(text, "cc"))], "tool result (Read, gutter)"
    if frame == "cat-n":
        return [("user", ask), ("call", "Bash", {"command": "cat -n " + path}), ("result", gutter(text, "catn"))], "tool result (cat -n)"
    if frame == "cat":
        return [("user", ask), ("call", "Bash", {"command": "cat " + path}), ("result", text)], "tool result (cat)"
    if frame == "git-show":
        return [("user", "What did the last commit add?"), ("call", "Bash", {"command": "git show HEAD"}), ("result", git_show(path, text, None))], "tool result (git show)"
    if frame == "git-diff":
        return [("user", "Summarise my uncommitted changes."), ("call", "Bash", {"command": "git diff"}), ("result", git_diff(path, text))], "tool result (git diff, header as context)"
    if frame == "apply-patch":
        return [("user", "Create the file."), ("call", "apply_patch", {"input": apply_patch(path, text)}), ("result", "Done!")], "assistant tool call (apply_patch)"
    if frame == "write-tool":
        return [("user", "Save it."), ("call", "Write", {"file_path": "/home/dev/repo/" + path, "content": text}), ("result", "File created successfully at: /home/dev/repo/" + path)], "assistant tool call (Write content)"
    if frame == "edit-tool":
        lines = text.rstrip("\n").split("\n"); k = min(len(lines), 12)
        old = "\n".join(lines[:k]); new = old + "\n"
        return [("user", "Apply the fix."), ("call", "Edit", {"file_path": "/home/dev/repo/" + path, "old_string": old, "new_string": new}), ("result", "The file /home/dev/repo/%s has been updated." % path)], "assistant tool call (Edit old_string)"
    if frame in ("paste-fence", "paste"):
        body = "```%s\n%s\n```" % (FENCE.get(ext, ""), text.rstrip("\n")) if frame == "paste-fence" else text
        return [("user", ask + "\n\n" + body)], "user text"
    if frame == "doc-b64":
        return [("doc", path.split("/")[-1], "text/plain", text, ask)], "user document block (base64)"
    if frame == "ipynb":
        return [("user", ask), ("call", "Read", {"file_path": "/home/dev/notebooks/analysis.ipynb"}), ("result", ipynb(text))], "tool result (notebook JSON)"
    if frame == "web-fetch":
        return [("user", "Summarise this page."), ("call", "WebFetch", {"url": "https://docs.example.org/" + path.split("/")[-1]}), ("result", text)], "tool result (web fetch)"
    if frame == "concat":
        return [("user", ask), ("call", "Bash", {"command": "head -n 400 src/*"}), ("result", text)], "tool result (head of several files)"
    raise ValueError(frame)

TARGETS = {"anthropic": ("api.anthropic.com", "/v1/messages"), "openai-chat": ("api.openai.com", "/v1/chat/completions"),
           "openai-resp": ("api.openai.com", "/v1/responses"),
           "gemini": ("generativelanguage.googleapis.com", "/v1beta/models/gemini-2.0-flash:generateContent"),
           "mcp": ("mcp.example.com", "/mcp")}
APIS = ["anthropic", "anthropic", "openai-chat", "openai-resp", "gemini", "mcp"]
def b64(s): return base64.b64encode(s.encode("utf-8")).decode()

def render(api, items, path, text, frame):
    if api == "mcp":  # the agent pushes the material to an external tool
        kind = R.choice(["write_file", "create_gist", "create_issue", "upload_file"]) if frame != "doc-b64" else "upload_file"
        fn = path.split("/")[-1]
        if kind == "write_file": args = {"path": "shared/" + fn, "content": text}
        elif kind == "create_gist": args = {"description": "snippet", "public": False, "files": {fn: {"content": text}}}
        elif kind == "create_issue": args = {"repo": "team/tracker", "title": "Question about " + fn, "body": "See below:\n\n```\n" + text.rstrip("\n") + "\n```"}
        else: args = {"filename": fn, "mime_type": "text/plain", "content_base64": b64(text)}
        return {"jsonrpc": "2.0", "id": R.randint(1, 999), "method": "tools/call", "params": {"name": kind, "arguments": args}}, "mcp tools/call " + kind
    msgs = []
    cid = "toolu_%012x" % R.getrandbits(48)
    for it in items:
        if it[0] == "user":
            if api == "anthropic": msgs.append({"role": "user", "content": it[1]})
            elif api == "openai-chat": msgs.append({"role": "user", "content": it[1]})
            elif api == "openai-resp": msgs.append({"role": "user", "content": [{"type": "input_text", "text": it[1]}]})
            else: msgs.append({"role": "user", "parts": [{"text": it[1]}]})
        elif it[0] == "call":
            if api == "anthropic": msgs.append({"role": "assistant", "content": [{"type": "text", "text": "Let me look."}, {"type": "tool_use", "id": cid, "name": it[1], "input": it[2]}]})
            elif api == "openai-chat": msgs.append({"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + cid[6:], "type": "function", "function": {"name": it[1], "arguments": json.dumps(it[2])}}]})
            elif api == "openai-resp": msgs.append({"type": "function_call", "call_id": "fc_" + cid[6:], "name": it[1], "arguments": json.dumps(it[2])})
            else: msgs.append({"role": "model", "parts": [{"functionCall": {"name": it[1], "args": it[2]}}]})
        elif it[0] == "result":
            if api == "anthropic": msgs.append({"role": "user", "content": [{"type": "tool_result", "tool_use_id": cid, "content": it[1]}]})
            elif api == "openai-chat": msgs.append({"role": "tool", "tool_call_id": "call_" + cid[6:], "content": it[1]})
            elif api == "openai-resp": msgs.append({"type": "function_call_output", "call_id": "fc_" + cid[6:], "output": it[1]})
            else: msgs.append({"role": "user", "parts": [{"functionResponse": {"name": "tool", "response": {"content": it[1]}}}]})
        elif it[0] == "doc":
            _, fn, media, t, prompt = it
            if api == "anthropic": msgs.append({"role": "user", "content": [{"type": "document", "source": {"type": "base64", "media_type": media, "data": b64(t)}, "title": fn}, {"type": "text", "text": prompt}]})
            elif api == "openai-chat": msgs.append({"role": "user", "content": [{"type": "file", "file": {"filename": fn, "file_data": "data:%s;base64,%s" % (media, b64(t))}}, {"type": "text", "text": prompt}]})
            elif api == "openai-resp": msgs.append({"role": "user", "content": [{"type": "input_file", "filename": fn, "file_data": "data:%s;base64,%s" % (media, b64(t))}, {"type": "input_text", "text": prompt}]})
            else: msgs.append({"role": "user", "parts": [{"inlineData": {"mimeType": media, "data": b64(t)}}, {"text": prompt}]})
    if api == "anthropic": body = {"model": "claude-sonnet-4-5", "max_tokens": 4096, "system": "You are a coding agent.", "messages": msgs}
    elif api == "openai-chat": body = {"model": "gpt-4o", "messages": [{"role": "system", "content": "You are a coding agent."}] + msgs}
    elif api == "openai-resp": body = {"model": "gpt-4.1", "instructions": "You are a coding agent.", "input": msgs}
    else: body = {"contents": msgs, "systemInstruction": {"parts": [{"text": "You are a coding agent."}]}}
    return body, None

SCOPED = ("marker:", "sub:", "hdr:", "spec:")
def scoped(t, cls):  # sub-variant tags are qualified by their class so the report's tag table is unambiguous
    return t.replace(":", ":" + cls + "/", 1) if t.startswith(SCOPED) else t
CASES = []; COUNT = {}
shutil.rmtree(CASEDIR, ignore_errors=True); os.makedirs(CASEDIR)
def add(prefix, cls, path, text, positive, frame=None, frames=CODE_FRAMES, tags=(), api=None):
    frame = frame or R.choice(frames)
    if frame == "ipynb" and not path.endswith(".py"): frame = "read-cc"
    api = api or R.choice(APIS)
    items, where = frame_items(frame, path, text)
    body, w2 = render(api, items, path, text, frame)
    where = w2 or where
    COUNT[prefix] = COUNT.get(prefix, 0) + 1
    cid = "%s-%03d" % (prefix, COUNT[prefix])
    ascii_json = R.random() < .25
    raw = json.dumps(body, ensure_ascii=ascii_json).encode("utf-8")
    tg = [("class:" if positive else "neg:") + cls, "frame:" + (frame if api != "mcp" else "mcp-" + where.split()[-1]), "api:" + api,
          "ext:" + path.rsplit(".", 1)[-1]] + [scoped(t, cls) for t in tags]
    if ascii_json and any(ord(ch) > 127 for ch in text): tg.append("enc:json-ascii-escapes")
    host, p = TARGETS[api]
    hdr = ["POST %s HTTP/1.1" % p, "Host: " + host, "Content-Type: application/json", "User-Agent: agent-sdk/1.4"]
    if api == "anthropic": hdr.append("anthropic-version: 2023-06-01")
    if api == "mcp": hdr += ["Accept: application/json, text/event-stream", "Mcp-Session-Id: %032x" % R.getrandbits(128)]
    if R.random() < .06:
        raw = gzip.compress(raw, mtime=0); hdr.append("Content-Encoding: gzip"); tg.append("enc:gzip")
    hdr.append("Content-Length: %d" % len(raw))
    with open(os.path.join(CASEDIR, cid + ".http"), "wb") as f:
        f.write(("\r\n".join(hdr) + "\r\n\r\n").encode("ascii") + raw)
    CASES.append({"id": cid, "request": "cases/%s.http" % cid, "expect": {"categories": ["source-code"]} if positive else {},
                  "tags": tg, "where": ("body, " + where)})

def pos_code(prefix, cls, markers, n, tags=(), langs=None, footer=False, frames=CODE_FRAMES, sub=None):
    for i in range(n):
        v = company(); lang = (langs or CODE_LANGS)[i % len(langs or CODE_LANGS)] if i < len(langs or CODE_LANGS) else R.choice(langs or CODE_LANGS)
        mk = markers[i % len(markers)]
        lines = [fmt(l, v) for l in mk]
        extra = list(tags) + ["lang:" + lang, "marker:%d" % (i % len(markers))]
        if footer:
            path, text, style = source_file(lang, None, v, footer_lines=lines)
        else:
            path, text, style = source_file(lang, lines, v)
            extra.append("style:" + style)
        add(prefix, cls, path, text, True, frames=frames, tags=extra)

# ================================================================== POSITIVES
# P1 company copyright + proprietary/confidential (classic commercial headers)
P1 = [["Copyright (c) {Y} {CO}. All rights reserved.", "Proprietary and confidential."],
      ["Copyright \u00a9 {Y} {CO}", "All Rights Reserved.", "", "This software is the confidential and proprietary information of", "{CO} (\"Confidential Information\"). You shall not disclose such", "Confidential Information and shall use it only in accordance with the terms", "of the license agreement you entered into with {CO}."],
      ["(C) {Y1}-{Y} {CO} - All Rights Reserved", "PROPRIETARY AND CONFIDENTIAL"],
      ["{CO} Proprietary", "Copyright {Y} {CO}. All rights reserved."],
      ["Copyright {Y} {CO}", "", "NOTICE: All information contained herein is, and remains the property of", "{CO}. The intellectual and technical concepts contained herein are", "proprietary to {CO} and are protected by trade secret or copyright law.", "Dissemination of this information or reproduction of this material is strictly", "forbidden unless prior written permission is obtained from {CO}."],
      ["Copyright (c) {Y} {CO}. All rights reserved. This file is proprietary", "and confidential and may not be used, copied or distributed outside", "{CO} without written permission."],
      ["@file   {proj} core", "@owner  {team}", "@copyright {Y} {CO} -- proprietary, all rights reserved, confidential"]]
pos_code("pos-copyprop", "copyright-proprietary", P1, 28)

# P2 "unauthorized copying ... strictly prohibited"
P2 = [["Copyright (C) {Y} {CO} - All Rights Reserved", "Unauthorized copying of this file, via any medium is strictly prohibited", "Proprietary and confidential", "Written by {author}, {month} {Y}"],
      ["Unauthorized copying of this file, via any medium, is strictly prohibited.", "Proprietary and confidential."],
      ["Unauthorised reproduction, distribution or modification of this file, in whole", "or in part, is strictly prohibited without the prior written consent of {CO}."],
      ["Copyright {Y} {CO}.", "Unauthorized use, duplication or disclosure of this source code is prohibited."],
      ["{CO} - {proj}", "Any unauthorized copying, modification, distribution or use of this software,", "via any medium, is strictly prohibited."]]
pos_code("pos-unauth", "unauthorized-copying", P2, 18)

# P3 SPDX proprietary licence refs
P3 = [["SPDX-License-Identifier: LicenseRef-Proprietary", "SPDX-FileCopyrightText: {Y} {CO}"],
      ["SPDX-License-Identifier: LicenseRef-{CoNoSpace}-Proprietary"],
      ["SPDX-FileCopyrightText: \u00a9 {Y} {CO}", "SPDX-License-Identifier: LicenseRef-{CoNoSpace}-Commercial"],
      ["SPDX-License-Identifier: LicenseRef-Proprietary-{CoNoSpace}", "Copyright {Y} {CO}. Internal use only."],
      ["SPDX-License-Identifier: LicenseRef-Confidential"]]
pos_code("pos-spdx", "spdx-proprietary", P3, 15)

# P4 "Company Confidential" style labels
P4 = [["{CO} Confidential - Do not distribute"],
      ["COMPANY CONFIDENTIAL", "{CO} -- internal use only. Do not distribute outside {co}."],
      ["Confidential -- {CO}", "Not for external distribution."],
      ["CONFIDENTIAL AND PROPRIETARY", "Property of {CO}. Do not copy or distribute."],
      ["Highly Confidential - {co} Restricted"],
      ["Classification: Confidential", "Owner: {team} ({CO})"],
      ["STRICTLY CONFIDENTIAL -- {CO} {proj} programme"]]
pos_code("pos-compconf", "company-confidential", P4, 20)

# P5 INTERNAL USE ONLY in docstrings, Javadoc, KDoc, line comments
def pos_internal_only(n):
    for i in range(n):
        v = company()
        kind = i % 5
        if kind == 0:
            lang = "python"; _, _, bodies = LANGS[lang]
            text = fmt('"""{proj} settlement reconciler.\n\nINTERNAL USE ONLY -- {CO}. Do not distribute.\n"""\n', v) + fmt(R.choice(bodies), v); path = v["co"] + "/recon.py"
        elif kind == 1:
            text = fmt('package {pkg}.risk;\n\n/**\n * Risk scoring service for the {proj} platform.\n *\n * <p><b>INTERNAL USE ONLY.</b> Property of {CO}; not for external distribution.\n */\npublic final class RiskScorer {{\n    private final double threshold;\n\n    public RiskScorer(double threshold) {{ this.threshold = threshold; }}\n\n    public boolean flag(double score) {{ return score >= threshold; }}\n}}\n', v); path = "src/main/java/RiskScorer.java"
        elif kind == 2:
            lang = R.choice(["go", "ts", "rust", "swift", "cpp"])
            path, text, _ = source_file(lang, [fmt("FOR INTERNAL USE ONLY - {CO} proprietary", v)], v, style="slash")
        elif kind == 3:
            lang = R.choice(CODE_LANGS)
            path, text, _ = source_file(lang, ["INTERNAL USE ONLY. NOT FOR DISTRIBUTION."], v)
        else:
            text = fmt('package {pkg}.pricing\n\n/**\n * Yield-management curve used by {proj}.\n *\n * Internal use only -- confidential {CO} pricing logic.\n */\nobject YieldCurve {{\n    private val knots = doubleArrayOf(0.0, 0.15, 0.4, 0.75, 1.0)\n    fun multiplier(loadFactor: Double): Double = 1.0 + knots.indexOfFirst {{ it >= loadFactor }}.coerceAtLeast(0) * 0.08\n}}\n', v); path = "src/main/kotlin/YieldCurve.kt"
        add("pos-internal", "internal-use-only", path, text, True, tags=["sub:%d" % kind])
pos_internal_only(15)

# P6 marker without company or year
P6 = [["Proprietary and confidential."], ["CONFIDENTIAL", "This file contains proprietary information. Do not distribute."],
      ["All rights reserved. Proprietary and confidential. Do not redistribute."], ["Confidential and proprietary - not for redistribution"],
      ["This source code is proprietary. Do not share outside the company."]]
pos_code("pos-nocompany", "marker-no-company", P6, 15)

# P7 non-English markings
P7 = [["Copyright (c) {Y} {CO}. Alle Rechte vorbehalten.", "Vertraulich \u2013 nur f\u00fcr den internen Gebrauch. Weitergabe untersagt."],
      ["Copyright (c) {Y} {CO}. Tous droits r\u00e9serv\u00e9s.", "Confidentiel \u2013 usage interne uniquement. Toute reproduction est interdite."],
      ["Copyright (c) {Y} {CO}. Todos los derechos reservados.", "Confidencial y propietario. Prohibida su distribuci\u00f3n."],
      ["Confidencial \u2013 uso interno da {CO}. Proibida a divulga\u00e7\u00e3o."],
      ["Riservato \u2013 solo per uso interno {CO}. Vietata la diffusione."],
      ["Vertrouwelijk \u2013 uitsluitend voor intern gebruik binnen {CO}."],
      ["Copyright (c) {Y} {CO}. All rights reserved.", "\u793e\u5916\u79d8 \u2013 \u7121\u65ad\u8ee2\u8f09\u30fb\u8907\u88fd\u3092\u7981\u305a"],
      ["\u3010\u6a5f\u5bc6\u3011{CO} \u793e\u5185\u9650\u308a"],
      ["\u7248\u6743\u6240\u6709 (c) {Y} {CO}\u3002\u4fdd\u7559\u6240\u6709\u6743\u5229\u3002", "\u516c\u53f8\u673a\u5bc6\uff0c\u4ec5\u9650\u5185\u90e8\u4f7f\u7528\uff0c\u4e25\u7981\u5916\u4f20\u3002"],
      ["{CO} \ub300\uc678\ube44 \u2013 \ubb34\ub2e8 \ubc30\ud3ec \uae08\uc9c0"],
      ["Poufne \u2013 wy\u0142\u0105cznie do u\u017cytku wewn\u0119trznego {CO}."],
      ["Konfidentiellt \u2013 endast f\u00f6r internt bruk inom {CO}."],
      ["Streng vertraulich. Urheberrechtlich gesch\u00fctzt \u2013 Eigentum der {CO}."]]
def pos_foreign(n):
    langs = ["de", "fr", "es", "pt", "it", "nl", "ja", "ja", "zh", "ko", "pl", "sv", "de"]
    for i in range(n):
        v = company(); j = i % len(P7); lang = R.choice(CODE_LANGS)
        path, text, style = source_file(lang, [fmt(l, v) for l in P7[j]], v)
        add("pos-foreign", "non-english-marker", path, text, True, tags=["nl:" + langs[j], "lang:" + lang])
pos_foreign(20)

# P8 export control
P8 = [["EXPORT CONTROLLED -- ITAR", "This technical data is controlled under the International Traffic in Arms", "Regulations (ITAR), 22 CFR 120-130, and may not be exported, released or", "disclosed to foreign persons without prior authorization from the U.S.", "Department of State."],
      ["WARNING: This document contains technical data whose export is restricted by", "the Export Administration Regulations (EAR), 15 CFR 730-774. ECCN: 9E991.", "{CO} Proprietary."],
      ["ECCN 5D002 -- encryption source code subject to the EAR. {CO} proprietary;", "no export or re-export without a licence."],
      ["Distribution Statement D: Distribution authorized to the Department of Defense and", "U.S. DoD contractors only; Critical Technology; {Y}. Other requests shall be", "referred to {CO}."],
      ["ITAR CONTROLLED TECHNICAL DATA -- USML Category XI(d)", "Access restricted to U.S. persons. {CO}."]]
pos_code("pos-export", "export-control", P8, 15, langs=["c", "cpp", "python", "rust", "go", "java", "kotlin"])

# P9 classification banners (top and bottom)
P9 = [["SECRET//NOFORN"], ["TOP SECRET//SI//REL TO USA, FVEY"], ["CUI//SP-PROPIN", "Controlled by: {CO}", "CUI Category: Proprietary Business Information"],
      ["OFFICIAL-SENSITIVE: COMMERCIAL"], ["CONFIDENTIAL//REL TO USA, GBR"], ["UNCLASSIFIED//FOR OFFICIAL USE ONLY"], ["NATO RESTRICTED"]]
def pos_banner(n):
    for i in range(n):
        v = company(); lang = R.choice(["c", "cpp", "python", "ada_like", "java", "go", "rust"]); lang = "c" if lang == "ada_like" else lang
        lines = [fmt(l, v) for l in P9[i % len(P9)]]
        path, text, style = source_file(lang, lines, v, footer_lines=[lines[0]])
        add("pos-banner", "classification-banner", path, text, True, tags=["marker:%d" % (i % len(P9)), "lang:" + lang] + (["arguable"] if i % len(P9) == 5 else []))
pos_banner(15)

# P10 trade secret / NDA notices
P10 = [["TRADE SECRET of {CO}.", "This source code is a trade secret and is disclosed only under the", "Mutual Non-Disclosure Agreement dated {month} {Y}. Do not copy or disclose."],
       ["Contains trade secrets of {CO}. Protected under NDA #{n}.", "Access restricted to authorized personnel."],
       ["This file is provided to {partner} under NDA for evaluation only.", "Copyright {Y} {CO}. Confidential."],
       ["{CO} TRADE SECRET -- the algorithms in this file are unpublished", "and protected as trade secrets. Do not disclose."]]
pos_code("pos-tradesecret", "trade-secret-nda", P10, 15)

# P11 confidential design docs (page headers/footers)
def design_doc(v, style):
    hdr = {0: "{CO} -- CONFIDENTIAL", 1: "Confidential -- {CO} Internal", 2: "INTERNAL -- DO NOT FORWARD", 3: "Company Confidential", 4: "{CO} Proprietary & Confidential -- Internal Engineering"}[style]
    page = fmt(hdr, v)
    d = fmt("# Design: {proj} v2 ingestion pipeline\n\nStatus: Draft | Owner: {team} | Last updated: {month} {Y}\n\n## Context\n\nThe current batch importer reads partner SFTP drops hourly and fans them out to the ledger.\nP99 latency is 47 minutes; the target for v2 is under 5 minutes with exactly-once semantics.\n\n## Proposal\n\n1. Replace the hourly cron with a Kafka topic per partner (`ingest.{co}.partner.<id>`).\n2. Deduplicate on `(partner_id, file_sha256, row_no)` in a compacted topic.\n3. Write to the ledger through the idempotent `PostEntries` RPC.\n\n## Alternatives considered\n\n- Kinesis: rejected, cross-region replication cost.\n- Keeping cron with smaller windows: does not fix duplicate postings.\n\n## Rollout\n\nShadow mode for two weeks on the three largest partners, then cut over behind `ingest_v2`.\n", v)
    parts = d.split("## Alternatives")
    return page + "\n\n" + parts[0] + "\n---\n" + page + " -- Page 2 of 3\n\n## Alternatives" + parts[1] + "\n---\n" + page + " -- Page 3 of 3\n"
for i in range(15):
    v = company()
    add("pos-designdoc", "design-doc", "docs/design/%s-ingest-v2.md" % v["proj"].lower(), design_doc(v, i % 5), True,
        frame=DOC_FRAMES[i % len(DOC_FRAMES)], tags=["marker:%d" % (i % 5)])

# P12 internal .proto / OpenAPI / GraphQL specs marked confidential
def internal_spec(v, k):
    if k == 0:
        return "proto/ledger.proto", fmt("// Copyright {Y} {CO}. Confidential and proprietary.\n// Internal API -- not for publication.\n\n", v) + fmt(LANGS["proto"][2][0], v)
    if k == 1:
        return "api/openapi.yaml", fmt("# {CO} INTERNAL -- CONFIDENTIAL\nopenapi: 3.0.3\ninfo:\n  title: {proj} Partner Settlement API (internal)\n  version: 2.7.0\n  description: |\n    Internal API. Proprietary and confidential -- do not publish or share with partners.\nservers:\n  - url: https://settlement.internal.{dom}\npaths:\n  /v2/settlements/{{id}}:\n    get:\n      operationId: getSettlement\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Settlement'}}\ncomponents:\n  schemas:\n    Settlement:\n      type: object\n      properties:\n        id: {{type: string}}\n        net_minor: {{type: integer}}\n        fee_bps: {{type: integer, description: 'negotiated fee, basis points'}}\n", v)
    if k == 2:
        return "schema/internal.graphql", fmt('"""\n{CO} -- CONFIDENTIAL. Internal graph, not exposed to the public gateway.\n"""\ntype Query {{\n  riskProfile(accountId: ID!): RiskProfile\n}}\n\ntype RiskProfile {{\n  accountId: ID!\n  score: Float!\n  reasons: [String!]!\n  modelVersion: String!\n}}\n', v)
    if k == 3:
        return "proto/fraud.proto", fmt('syntax = "proto3";\n\n// INTERNAL USE ONLY -- {CO} proprietary fraud signals. Do not vendor into SDKs.\npackage {co}.fraud.internal.v3;\n\nmessage Signal {{\n  string device_hash = 1;\n  float velocity_score = 2;\n  float graph_score = 3;\n  repeated string rule_hits = 4;\n}}\n', v)
    return "api/asyncapi.yaml", fmt("# Company Confidential -- {CO}\nasyncapi: 2.6.0\ninfo:\n  title: {proj} events (internal)\n  version: 1.3.0\nchannels:\n  ledger.entry.posted:\n    subscribe:\n      message:\n        payload:\n          type: object\n          properties:\n            entry_id: {{type: string}}\n            amount_minor: {{type: integer}}\n", v)
for i in range(15):
    v = company(); path, text = internal_spec(v, i % 5)
    add("pos-spec", "internal-api-spec", path, text, True, tags=["spec:%d" % (i % 5)])

# P13 internal package/module names with a company domain plus a confidentiality marker
def internal_pkg(v, k):
    if k == 0:
        return "src/main/java/Limiter.java", fmt("// {co}-internal: confidential\npackage {pkg}.internal.ratelimit;\n\nimport {pkg}.internal.metrics.Meter;\n\npublic class Limiter {{\n    private final Meter meter = Meter.named(\"limiter\");\n    public boolean tryAcquire(String key) {{ meter.mark(); return true; }}\n}}\n", v)
    if k == 1:
        return "internal/fraudscore/doc.go", fmt("// Package fraudscore is {CO}-internal and confidential.\n// Import path: git.{dom}/risk/internal/fraudscore\npackage fraudscore\n\nconst modelVersion = \"fs-2024.11\"\n\nfunc Threshold(segment string) float64 {{\n\tswitch segment {{\n\tcase \"smb\":\n\t\treturn 0.71\n\tcase \"ent\":\n\t\treturn 0.83\n\t}}\n\treturn 0.77\n}}\n", v)
    if k == 2:
        return v["co"] + "/_pricing/__init__.py", fmt('# {co}.pricing -- confidential, internal package (not published to PyPI)\n__all__ = ["margin_floor"]\n__classification__ = "confidential"\n__owner__ = "{team}"\n\n\ndef margin_floor(segment: str) -> float:\n    return {{"smb": 0.18, "mid": 0.14, "ent": 0.09}}.get(segment, 0.2)\n', v)
    if k == 3:
        return "package.json", fmt('{{\n  "name": "@{co}/checkout-core",\n  "version": "7.3.0",\n  "private": true,\n  "description": "{CO} checkout engine -- CONFIDENTIAL, internal registry only",\n  "license": "SEE LICENSE IN LICENSE.proprietary",\n  "publishConfig": {{ "registry": "https://npm.internal.{dom}/" }},\n  "main": "dist/index.js"\n}}\n', v)
    return "build.gradle.kts", fmt('// {CO} proprietary build -- confidential\ngroup = "{pkg}.internal"\nversion = "3.1.0"\n\nrepositories {{\n    maven("https://artifacts.internal.{dom}/maven")\n}}\n\ndependencies {{\n    implementation("{pkg}.internal:ledger-client:3.+")\n}}\n', v)
for i in range(15):
    v = company(); path, text = internal_pkg(v, i % 5)
    add("pos-intpkg", "internal-package-marked", path, text, True, tags=["sub:%d" % (i % 5)])

# P14 evasions / obfuscated markers (arguable: a DLP needs normalisation to catch them)
ZW = "\u200b"
CYR = {"C": "\u0421", "o": "\u043e", "e": "\u0435", "a": "\u0430", "p": "\u0440", "i": "\u0456"}
def fullwidth(s): return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)
def evade(k, v):
    base = fmt("Copyright {Y} {CO}. Proprietary and confidential.", v)
    if k == 0: return [base.replace("Proprietary", "Propri" + ZW + "etary").replace("confidential", "confi" + ZW + "dential")], "zero-width"
    if k == 1: return [fullwidth("CONFIDENTIAL"), fmt("{CO}", v)], "fullwidth"
    if k == 2: return ["".join(CYR.get(c, c) for c in base)], "cyrillic-homoglyph"
    if k == 3: return [" ".join("CONFIDENTIAL"), fmt("{CO} -- do not distribute", v)], "spaced-letters"
    if k == 4: return [fmt("Copyright {Y} {CO}. pRoPrIeTaRy & cOnFiDeNtIaL", v)], "mixed-case"
    if k == 5: return [fmt("Copyright {Y} {CO}. All rights reserved. Proprietary and", v), "confidential -- unauthorized copying of this file is", "strictly prohibited."], "line-wrapped"
    return [fmt("(c) {Y} {CO} -- Prop. & Conf. -- int. use only", v)], "abbreviated"
for i in range(16):
    v = company(); k = i % 7; lines, how = evade(k, v)
    path, text, style = source_file(R.choice(CODE_LANGS), lines, v)
    add("pos-evasion", "evasion", path, text, True, tags=["how:" + how] + ([] if how == "line-wrapped" else ["arguable"]))

# P15 bare company copyright + All rights reserved, no licence (arguable: closed source by default)
for i in range(10):
    v = company(); lang = CODE_LANGS[(i * 3) % len(CODE_LANGS)]
    path, text, style = source_file(lang, [fmt(R.choice(["Copyright (c) {Y} {CO}. All rights reserved.", "Copyright {Y1}-{Y} {CO}", "\u00a9 {Y} {CO}. All Rights Reserved."]), v)], v)
    add("pos-bare", "bare-company-copyright", path, text, True, tags=["arguable", "lang:" + lang])

# P16 marker deep in a long output (second file of a concatenated read) or only in a footer
def filler_py(n):
    out = ["# ==> src/helpers.py <==", "import math", ""]
    for j in range(n):
        out += ["", "def helper_%d(x, y=%d):" % (j, R.randint(1, 9)), "    \"\"\"Return a scaled distance.\"\"\"", "    return math.hypot(x, y) * %.3f" % R.uniform(0.5, 2)]
    return "\n".join(out)
for i in range(10):
    v = company()
    if i % 2 == 0:
        path, text, style = source_file("python", [fmt(l, v) for l in R.choice(P1 + P2)], v, style="hash")
        big = filler_py(R.randint(40, 70)) + "\n\n# ==> " + path + " <==\n" + text
        add("pos-deep", "marker-deep", "src/concat.txt", big, True, frame="concat", tags=["sub:second-file"])
    else:
        lang = R.choice(["java", "go", "c", "ts"])
        path, text, style = source_file(lang, None, v, footer_lines=[fmt("End of file -- {CO} CONFIDENTIAL -- proprietary, do not distribute", v)])
        add("pos-deep", "marker-deep", path, text, True, tags=["sub:footer-only"])

# P17 proprietary notice in a minified/production bundle (arguable: shipped to browsers)
def minjs(v):
    return "!function(e,t){\"use strict\";var n=function(e){return e*1.12},r={quote:function(t){return n(t.base)+t.fuel},lanes:[]};e." + v["co"] + "Quote=r}(window);"
for i in range(10):
    v = company()
    note = fmt(R.choice(["/*! {proj} web v4.2.1 | (c) {Y} {CO} | Proprietary - not for redistribution */",
                         "/*! {CO} confidential -- internal dashboard bundle -- do not distribute */",
                         "/** @license {CO} proprietary. Unauthorized copying prohibited. */"]), v)
    add("pos-minified", "minified-proprietary", "static/js/app.%08x.min.js" % R.getrandbits(32), note + "\n" + minjs(v), True, tags=["arguable"],
        frames=["read-cc", "cat", "paste-fence", "doc-b64", "write-tool"])

# ================================================================== NEGATIVES
def neg_code(prefix, cls, headers, n, tags=(), company_names=False, langs=None):
    for i in range(n):
        v = company() if company_names else oss()
        lang = R.choice(langs or CODE_LANGS)
        lines = [fmt(l, v) for l in headers[i % len(headers)]]
        path, text, style = source_file(lang, lines, v)
        add(prefix, cls, path, text, False, tags=list(tags) + ["lang:" + lang, "hdr:%d" % (i % len(headers)), "style:" + style])

APACHE = ["Licensed under the Apache License, Version 2.0 (the \"License\");", "you may not use this file except in compliance with the License.",
          "You may obtain a copy of the License at", "", "    http://www.apache.org/licenses/LICENSE-2.0", "",
          "Unless required by applicable law or agreed to in writing, software", "distributed under the License is distributed on an \"AS IS\" BASIS,",
          "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.", "See the License for the specific language governing permissions and",
          "limitations under the License."]
N1 = [["Copyright {Y} The Kubernetes Authors.", ""] + APACHE, ["Copyright {Y} Google LLC", ""] + APACHE,
      ["Licensed to the Apache Software Foundation (ASF) under one", "or more contributor license agreements.  See the NOTICE file", "distributed with this work for additional information",
       "regarding copyright ownership.  The ASF licenses this file", "to you under the Apache License, Version 2.0 (the", "\"License\"); you may not use this file except in compliance",
       "with the License.  You may obtain a copy of the License at", "", "  http://www.apache.org/licenses/LICENSE-2.0"],
      ["Copyright {Y1}-{Y} the original author or authors.", ""] + APACHE, ["Copyright The OpenTelemetry Authors", "SPDX-License-Identifier: Apache-2.0"]]
neg_code("neg-apache", "oss-apache", N1, 25)

N2 = [["MIT License", "", "Copyright (c) {Y} {CO}", "", "Permission is hereby granted, free of charge, to any person obtaining a copy", "of this software and associated documentation files (the \"Software\"), to deal",
       "in the Software without restriction, including without limitation the rights", "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell", "copies of the Software, and to permit persons to whom the Software is",
       "furnished to do so, subject to the following conditions:", "", "The above copyright notice and this permission notice shall be included in all", "copies or substantial portions of the Software."],
      ["Copyright (c) {Y} {CO}. Licensed under the MIT license. See LICENSE in the project root."],
      ["@license MIT", "(c) {Y} {CO}"]]
neg_code("neg-mit", "oss-mit", N2, 15)

N3 = [["Copyright {Y} The Go Authors. All rights reserved.", "Use of this source code is governed by a BSD-style", "license that can be found in the LICENSE file."],
      ["Copyright {Y} The Chromium Authors", "Use of this source code is governed by a BSD-style license that can be", "found in the LICENSE file."],
      ["Copyright (c) {Y1}-{Y}, {CO}", "All rights reserved.", "", "Redistribution and use in source and binary forms, with or without", "modification, are permitted provided that the following conditions are met:", "",
       "1. Redistributions of source code must retain the above copyright notice, this", "   list of conditions and the following disclaimer.", "", "2. Redistributions in binary form must reproduce the above copyright notice,",
       "   this list of conditions and the following disclaimer in the documentation", "   and/or other materials provided with the distribution.", "",
       "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\"", "AND ANY EXPRESS OR IMPLIED WARRANTIES ... ARE DISCLAIMED."],
      ["Copyright (c) {Y}, The Regents of the University of California. All rights reserved.", "SPDX-License-Identifier: BSD-3-Clause"]]
neg_code("neg-bsd", "oss-bsd-all-rights-reserved", N3, 20)

N4 = [["This program is free software: you can redistribute it and/or modify", "it under the terms of the GNU General Public License as published by", "the Free Software Foundation, either version 3 of the License, or",
       "(at your option) any later version.", "", "This program is distributed in the hope that it will be useful,", "but WITHOUT ANY WARRANTY; without even the implied warranty of",
       "MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the", "GNU General Public License for more details."],
      ["Copyright (C) {Y} Free Software Foundation, Inc.", "This file is part of GNU Fooutils, licensed under the GNU Lesser General Public License v2.1 or later."],
      ["SPDX-License-Identifier: AGPL-3.0-or-later", "Copyright (C) {Y} {CO}"]]
neg_code("neg-gpl", "oss-gpl", N4, 15)

N5 = [["SPDX-License-Identifier: MPL-2.0"], ["SPDX-License-Identifier: EPL-2.0"], ["SPDX-License-Identifier: Apache-2.0 OR MIT"],
      ["SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note"], ["SPDX-License-Identifier: BSD-3-Clause", "SPDX-FileCopyrightText: {Y} {CO}"],
      ["SPDX-License-Identifier: ISC"], ["SPDX-License-Identifier: 0BSD"], ["SPDX-License-Identifier: CC0-1.0"], ["SPDX-License-Identifier: LicenseRef-scancode-public-domain"],
      ["This Source Code Form is subject to the terms of the Mozilla Public", "License, v. 2.0. If a copy of the MPL was not distributed with this", "file, You can obtain one at https://mozilla.org/MPL/2.0/."]]
neg_code("neg-spdx", "oss-spdx-mpl-epl", N5, 20)

# OSS corporate headers with "All rights reserved" + an open licence -- including the SAME synthetic companies as the positives
N6 = [["Copyright (c) Microsoft Corporation. All rights reserved.", "Licensed under the MIT License."],
      ["Copyright (c) {Y}, NVIDIA CORPORATION. All rights reserved.", "SPDX-License-Identifier: Apache-2.0"],
      ["Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.", "SPDX-License-Identifier: Apache-2.0"],
      ["Copyright (c) {Y} Oracle and/or its affiliates. All rights reserved.", "DO NOT ALTER OR REMOVE COPYRIGHT NOTICES OR THIS FILE HEADER.", "This code is free software; you can redistribute it and/or modify it",
       "under the terms of the GNU General Public License version 2 only, as", "published by the Free Software Foundation."],
      ["Copyright (c) Meta Platforms, Inc. and affiliates.", "", "This source code is licensed under the MIT license found in the", "LICENSE file in the root directory of this source tree."]]
neg_code("neg-corposs", "oss-corporate-all-rights-reserved", N6, 10)
N6b = [["Copyright (c) {Y} {CO}. All rights reserved.", "Licensed under the Apache License, Version 2.0. See LICENSE in the repository root."],
       ["Copyright {Y} {CO}", "SPDX-License-Identifier: MIT"],
       ["Copyright (c) {Y} {CO} and contributors.", "Released as open source under the BSD 3-Clause licence; see LICENSE."]]
neg_code("neg-corposs", "company-open-sourced", N6b, 12, company_names=True)

# code that HANDLES confidentiality (enums, i18n, labels, watermarks, DLP-ish rules)
CLS = [
 ("sensitivity.py", 'from enum import Enum\n\n\nclass Sensitivity(str, Enum):\n    PUBLIC = "public"\n    INTERNAL = "internal"\n    CONFIDENTIAL = "confidential"\n    RESTRICTED = "restricted"\n\n\ndef banner(level: Sensitivity) -> str:\n    """Header text rendered on exported PDFs."""\n    return {Sensitivity.CONFIDENTIAL: "CONFIDENTIAL", Sensitivity.RESTRICTED: "RESTRICTED - do not distribute"}.get(level, "")\n'),
 ("messages_en.properties", "label.classification.public=Public\nlabel.classification.internal=Internal use only\nlabel.classification.confidential=Confidential\nlabel.classification.secret=Strictly confidential\nbanner.export.warning=This document may be subject to export control.\n"),
 ("fr.json", '{\n  "classification": {\n    "public": "Public",\n    "internal": "Usage interne uniquement",\n    "confidential": "Confidentiel",\n    "restricted": "Diffusion restreinte"\n  }\n}\n'),
 ("Badge.tsx", 'import React from "react";\n\ntype Level = "public" | "internal" | "confidential";\n\nconst TEXT: Record<Level, string> = {\n  public: "Public",\n  internal: "Internal use only",\n  confidential: "Confidential \u2014 do not distribute",\n};\n\nexport function ClassificationBadge({ level }: { level: Level }) {\n  return <span className={`badge badge-${level}`}>{TEXT[level]}</span>;\n}\n'),
 ("watermark.py", 'from reportlab.pdfgen import canvas\n\n\ndef stamp(path_out, label="CONFIDENTIAL"):\n    c = canvas.Canvas(path_out)\n    c.setFont("Helvetica-Bold", 60)\n    c.setFillGray(0.85)\n    c.rotate(45)\n    c.drawString(200, 100, label)\n    c.save()\n'),
 ("migrations/0042_doc_sensitivity.sql", "ALTER TABLE documents\n  ADD COLUMN sensitivity text NOT NULL DEFAULT 'internal'\n  CHECK (sensitivity IN ('public', 'internal', 'confidential', 'restricted'));\n\nCOMMENT ON COLUMN documents.sensitivity IS 'Information classification label shown in the UI';\n"),
 ("labels.json", '[\n  {"id": "lbl-01", "name": "Public", "tooltip": "Anyone"},\n  {"id": "lbl-02", "name": "General", "tooltip": "Employees and contractors"},\n  {"id": "lbl-03", "name": "Confidential", "tooltip": "Need-to-know; watermark applied"},\n  {"id": "lbl-04", "name": "Highly Confidential", "tooltip": "Encrypted; no external sharing"}\n]\n'),
 ("Classification.java", 'package org.example.docs;\n\npublic enum Classification {\n    UNCLASSIFIED("U"),\n    CONFIDENTIAL("C"),\n    SECRET("S"),\n    TOP_SECRET("TS");\n\n    private final String abbrev;\n    Classification(String a) { this.abbrev = a; }\n    public String portionMark() { return "(" + abbrev + ")"; }\n}\n'),
 ("header_check.go", 'package lint\n\nimport "strings"\n\n// HasLicenseHeader reports whether src starts with one of the accepted headers.\nfunc HasLicenseHeader(src string) bool {\n\tfor _, h := range []string{"// Copyright", "// SPDX-License-Identifier:"} {\n\t\tif strings.HasPrefix(src, h) {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n'),
 ("email_footer.rb", "module Mailer\n  FOOTERS = {\n    confidential: 'This message is confidential. If you received it in error, please delete it.',\n    default: 'Sent by the notifications service.'\n  }.freeze\n\n  def self.footer_for(kind)\n    FOOTERS.fetch(kind, FOOTERS[:default])\n  end\nend\n"),
]
for i in range(25):
    fn, src = CLS[i % len(CLS)]
    add("neg-handles", "code-handles-confidentiality", "src/" + fn, src, False, tags=["sub:" + fn.split("/")[-1]])

# policy / classification docs describing markings
POL = [
 "# Information Classification Standard\n\n## 1. Purpose\nThis standard defines how employees label information.\n\n## 2. Levels\n| Level | Examples | Handling |\n|---|---|---|\n| Public | marketing site, open-source repos | no restrictions |\n| Internal | wiki, org charts | employees only |\n| Confidential | contracts, unreleased roadmaps | need-to-know, encrypted at rest |\n| Restricted | M&A, key material | named individuals only |\n\n## 3. Marking\nDocuments classified Confidential or above carry the label in the header or footer. Source files in private repositories do not need a banner; repository visibility is the control.\n",
 "## Handling export-controlled technology (training module 4)\n\nThe ITAR (22 CFR 120-130) and the EAR (15 CFR 730-774) restrict the export of certain technical data. Before sharing design files with a foreign person, check the ECCN or USML category with Trade Compliance. EAR99 items generally need no licence.\n\nQuiz: Which regulation covers dual-use items? (a) ITAR (b) EAR\n",
 "# Secure SDLC guideline\n\nAll proprietary code must live in the company's private Git hosting. Never paste proprietary code into public gists or forums. Open-source contributions require approval from the OSPO and must carry the upstream licence header, not a company confidentiality notice.\n",
 "### Glossary\n\n**Trade secret** \u2014 information that derives value from not being generally known and is subject to reasonable secrecy measures.\n**NDA** \u2014 a contract under which parties agree not to disclose confidential information.\n**Proprietary software** \u2014 software whose source is not published and whose use is restricted by licence.\n",
 "Data handling FAQ\n\nQ: Can I use an AI assistant with internal documents?\nA: Only the approved enterprise tenant, and never for documents labelled Confidential or Restricted.\n\nQ: What does \"Internal use only\" mean?\nA: It may be shared with any employee or contractor under NDA, but not outside the company.\n",
]
for i in range(20):
    add("neg-policy", "policy-doc", "docs/policy/%02d.md" % i, POL[i % len(POL)], False, frames=DOC_FRAMES, tags=["sub:%d" % (i % len(POL))])

# tests / fixtures of a DLP or header linter (arguable: the exact phrases appear as test data)
DLPT = [
 'import pytest\nfrom headerlint import classify\n\n\n@pytest.mark.parametrize("header,expected", [\n    ("// SPDX-License-Identifier: Apache-2.0", "oss"),\n    ("# Copyright 2024 Example Corp. Proprietary and confidential.", "proprietary"),\n    ("/* All rights reserved. Redistribution and use ... permitted */", "oss"),\n])\ndef test_classify(header, expected):\n    assert classify(header) == expected\n',
 'describe("redactor", () => {\n  it("masks confidential banners", () => {\n    const input = "CONFIDENTIAL - Example Inc. internal use only";\n    expect(redact(input)).toBe("[REDACTED BANNER]");\n  });\n});\n',
 '# rules/source_markers.yaml -- detection rules for our own DLP prototype\n- id: proprietary-header\n  pattern: "(?i)proprietary\\\\s+and\\\\s+confidential"\n  action: block\n- id: unauthorized-copying\n  pattern: "(?i)unauthori[sz]ed copying of this file"\n  action: block\n',
]
for i in range(15):
    add("neg-dlptest", "dlp-test-data", ["tests/test_headerlint.py", "src/redact.test.ts", "rules/source_markers.yaml"][i % 3], DLPT[i % 3], False, tags=["arguable"])

# README / LICENSE / NOTICE texts quoting licences
RDM = [
 "# fluxlog\n\nFast structured logging for the JVM.\n\n## License\n\nCopyright 2019-2024 The fluxlog Authors. All rights reserved.\n\nLicensed under the Apache License, Version 2.0. See [LICENSE](LICENSE) for the full text.\n",
 "                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n\n   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n\n   1. Definitions.\n\n      \"License\" shall mean the terms and conditions for use, reproduction,\n      and distribution as defined by Sections 1 through 9 of this document.\n\n      \"Contribution\" shall mean any work of authorship ... that is intentionally submitted to Licensor for inclusion in the Work by the copyright owner ... \"submitted\" means any form of electronic, verbal, or written communication sent to the Licensor, excluding communication that is conspicuously marked or otherwise designated in writing by the copyright owner as \"Not a Contribution.\"\n",
 "NOTICE\n\nThis product includes software developed at\nThe Apache Software Foundation (http://www.apache.org/).\n\nThis product includes software developed by the OpenSSL Project for use in the OpenSSL Toolkit.\n",
 "THIRD-PARTY SOFTWARE NOTICES AND INFORMATION\n\nThis project incorporates components from the projects listed below.\n\n1. left-pad (MIT)\n2. zlib (Zlib)\n3. sqlite (Public Domain)\n\n%% left-pad NOTICES AND INFORMATION BEGIN HERE\nCopyright (c) 2014 the authors\nPermission is hereby granted, free of charge, to any person obtaining a copy ...\nEND OF left-pad NOTICES AND INFORMATION\n",
 "## Licensing\n\nThe community edition is MIT-licensed. An enterprise edition with SSO and audit logs is available under a proprietary commercial licence; its source is not in this repository.\n",
]
for i in range(15):
    add("neg-readme", "readme-license-text", ["README.md", "LICENSE", "NOTICE", "ThirdPartyNotices.txt", "README.md"][i % 5], RDM[i % 5], False, frames=DOC_FRAMES + ["cat"], tags=["sub:%d" % (i % 5)])

# public prose using "proprietary", "confidential", "trade secret" as ordinary words
WORD = [
 "To install the proprietary NVIDIA driver on Ubuntu, run `sudo ubuntu-drivers install`. The open-source nouveau driver is used by default.",
 "Unlike proprietary formats such as .psd, OpenRaster is an open standard for layered images.",
 "Proprietary software is software that grants its creator, publisher, or other rightsholder exclusive legal rights. Open-source software, in contrast, is released under licences that permit study, change and distribution.",
 "Our SDK talks to the device over a proprietary binary protocol; this library is a clean-room reimplementation based on packet captures published by the community.",
 "The court held that the customer list qualified as a trade secret because the company had taken reasonable steps to keep it confidential.",
 "Keep your API keys confidential: store them in environment variables, not in source control.",
 "Migrating from a proprietary database to PostgreSQL: a checklist for stored procedures, sequences and collations.",
]
for i in range(15):
    add("neg-word", "public-prose-word", "page.html", WORD[i % len(WORD)] + "\n", False, frames=["web-fetch", "paste", "web-fetch"], tags=["sub:%d" % (i % len(WORD))])

# commit messages and changelogs
CHG = [
 "commit %s\nAuthor: dev <dev@users.noreply.example>\nDate:   Mon Mar 4 10:12:55 2024 +0100\n\n    fix(ui): show the 'Confidential' badge on shared docs\n\n    The badge was hidden for documents whose label was set via the API.\n",
 "## [3.0.0] - 2024-06-01\n### Changed\n- Relicensed from a proprietary licence to Apache-2.0. The project is now fully open source.\n### Removed\n- Dependency on the proprietary codec; replaced by libopus.\n",
 "a1b2c3d chore: remove 'internal use only' wording from public docs\n9f8e7d6 feat: add --classification flag (public|internal|confidential)\n5e4d3c2 docs: explain SPDX headers in CONTRIBUTING.md\n",
 "## 1.4.2\n- Fix: export of documents marked confidential now applies the watermark.\n- Fix: NDA template placeholders were not replaced in PDF output.\n",
 "Merge pull request #812 from contributor/spdx-headers\n\nAdd SPDX-License-Identifier headers to all source files\n",
]
for i in range(15):
    t = CHG[i % len(CHG)]
    if "%s" in t: t = t % sha()
    add("neg-changelog", "commit-changelog", ["git-log.txt", "CHANGELOG.md", "git-log.txt", "CHANGELOG.md", "git-log.txt"][i % 5], t, False, frames=["cat", "read-cc", "paste"], tags=["sub:%d" % (i % len(CHG))])

# lockfiles / build manifests (licence fields)
LOCK = [
 ('package-lock.json', '{\n  "name": "web",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/react": {\n      "version": "18.3.1",\n      "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz",\n      "license": "MIT"\n    },\n    "node_modules/caniuse-lite": {\n      "version": "1.0.30001600",\n      "license": "CC-BY-4.0"\n    }\n  }\n}\n', False),
 ('Cargo.toml', '[package]\nname = "fastcsv"\nversion = "0.9.2"\nedition = "2021"\nlicense = "MIT OR Apache-2.0"\nrepository = "https://github.com/example/fastcsv"\n\n[dependencies]\nmemchr = "2"\n', False),
 ('pom.xml', '<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>util</artifactId>\n  <version>2.1.0</version>\n  <licenses>\n    <license>\n      <name>The Apache License, Version 2.0</name>\n      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>\n    </license>\n  </licenses>\n</project>\n', False),
 ('poetry.lock', '[[package]]\nname = "requests"\nversion = "2.32.3"\ndescription = "Python HTTP for Humans."\noptional = false\npython-versions = ">=3.8"\n\n[[package]]\nname = "certifi"\nversion = "2024.8.30"\ndescription = "Python package for providing Mozilla\'s CA Bundle."\n', False),
 ('package.json', '{\n  "name": "dashboard",\n  "version": "0.1.0",\n  "private": true,\n  "license": "UNLICENSED",\n  "scripts": { "dev": "vite", "build": "vite build" }\n}\n', True),
]
for i in range(15):
    fn, t, arg = LOCK[i % 5]
    add("neg-lock", "lockfile-manifest", fn, t, False, frames=["read-cc", "cat", "write-tool"], tags=(["arguable"] if arg else []) + ["sub:" + fn])

# vendored third-party code with its own licence
VEND = [
 ("third_party/zlib/adler32.c", "/* adler32.c -- compute the Adler-32 checksum of a data stream\n * Copyright (C) 1995-2011, 2016 Mark Adler\n * For conditions of distribution and use, see copyright notice in zlib.h\n */\n\n#include \"zutil.h\"\n\n#define BASE 65521U\n#define NMAX 5552\n"),
 ("third_party/sqlite/os.c", "/*\n** 2005 November 29\n**\n** The author disclaims copyright to this source code.  In place of\n** a legal notice, here is a blessing:\n**\n**    May you do good and not evil.\n**    May you find forgiveness for yourself and forgive others.\n**    May you share freely, never taking more than you give.\n*/\n#include \"sqliteInt.h\"\n"),
 ("vendor/boost/config.hpp", "//  Copyright (c) 2001-2003 John Maddock\n//  Use, modification and distribution are subject to the\n//  Boost Software License, Version 1.0. (See accompanying file\n//  LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)\n\n#ifndef BOOST_CONFIG_HPP\n#define BOOST_CONFIG_HPP\n"),
 ("vendor/isc/strlcpy.c", "/*\n * Copyright (c) 1998, 2015 Todd C. Miller\n *\n * Permission to use, copy, modify, and distribute this software for any\n * purpose with or without fee is hereby granted, provided that the above\n * copyright notice and this permission notice appear in all copies.\n */\n\n#include <string.h>\n\nsize_t strlcpy(char *dst, const char *src, size_t dsize);\n"),
 ("third_party/stb/stb_image.h", "/* stb_image - v2.29 - public domain image loader - http://nothings.org/stb\n   no warranty implied; use at your own risk\n\nLICENSE\n\n  See end of file for license information.\n*/\n#ifndef STBI_INCLUDE_STB_IMAGE_H\n#define STBI_INCLUDE_STB_IMAGE_H\n"),
]
for i in range(15):
    fn, t = VEND[i % 5]
    add("neg-vendored", "vendored-third-party", fn, t, False, tags=["sub:%d" % (i % 5)])

# minified JS / CSS with licence banners
MIN = ["/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n!function(e,t){\"use strict\";\"object\"==typeof module&&\"object\"==typeof module.exports?module.exports=e.document?t(e,!0):function(e){return t(e)}:t(e)}(\"undefined\"!=typeof window?window:this,function(C,e){});",
       "/*! normalize.css v8.0.1 | MIT License | github.com/necolas/normalize.css */html{line-height:1.15;-webkit-text-size-adjust:100%}body{margin:0}main{display:block}h1{font-size:2em;margin:.67em 0}",
       "/*!\n * Bootstrap v5.3.3 (https://getbootstrap.com/)\n * Copyright 2011-2024 The Bootstrap Authors\n * Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE)\n */:root{--bs-blue:#0d6efd;--bs-indigo:#6610f2}",
       "/**\n * @license\n * Lodash <https://lodash.com/>\n * Copyright OpenJS Foundation and other contributors <https://openjsf.org/>\n * Released under MIT license <https://lodash.com/license>\n */\n;(function(){var n,t=\"4.17.21\",r=200;}.call(this));",
       "/*! For license information please see main.4f2a91.js.LICENSE.txt */\n(()=>{var e={412:(e,t,n)=>{\"use strict\";n.r(t)}};})();"]
for i in range(15):
    add("neg-minified", "minified-oss-banner", ["static/vendor.min.js", "static/normalize.min.css", "static/bootstrap.min.css", "static/lodash.min.js", "static/main.js"][i % 5], MIN[i % 5], False,
        frames=["read-cc", "cat", "paste-fence", "doc-b64", "write-tool"], tags=["sub:%d" % (i % 5)])

# Stack Overflow style snippets
SO = ["Answer (score 412) -- licensed under CC BY-SA 4.0\n\nYou can debounce with a closure:\n\n```js\nfunction debounce(fn, ms) {\n  let t;\n  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };\n}\n```\n\nNote: this is not a proprietary trick; lodash ships the same idea.",
      "Q: How do I read a file line by line in Go?\n\n```go\nf, _ := os.Open(\"in.txt\")\ndefer f.Close()\ns := bufio.NewScanner(f)\nfor s.Scan() { fmt.Println(s.Text()) }\n```\nUser contributions licensed under CC BY-SA.",
      "From a GitHub discussion: \"We can't look at the vendor's code because it is proprietary, so here is a minimal repro instead:\"\n\n```python\nimport ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_3\n```"]
for i in range(15):
    add("neg-snippet", "so-snippet", "answer.md", SO[i % 3], False, frames=["web-fetch", "paste", "web-fetch"], tags=["sub:%d" % (i % 3)])

# drafting legal templates (NDA, confidentiality clause) -- generic, no real secret
LEG = ["Draft a mutual NDA based on this template:\n\nMUTUAL NON-DISCLOSURE AGREEMENT\n\n1. \"Confidential Information\" means any information disclosed by either party that is marked \"Confidential\" or would reasonably be understood to be confidential.\n2. The Receiving Party shall not disclose Confidential Information to any third party without prior written consent.\n3. This Agreement does not apply to information that is publicly available.\n\n[PARTY A] ____________   [PARTY B] ____________",
       "Please tighten this confidentiality clause for our employment contract template:\n\n\"The Employee shall keep confidential all trade secrets and proprietary information of the Company, during and after employment, and shall return all materials upon termination.\"",
       "Here is the standard contributor licence agreement text. Does it let us relicense?\n\n\"You grant to the Project a perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable copyright license to reproduce, prepare derivative works of, publicly display ... Your contributions and such derivative works.\""]
for i in range(15):
    add("neg-legal", "legal-template", "nda_template.md", LEG[i % 3], False, frames=["paste", "paste", "doc-b64", "read-cc"], tags=["sub:%d" % (i % 3)])

# public explainers of classification/export-control markings (some quote example banners -> arguable)
CLP = [("Classification markings follow the pattern CLASSIFICATION//SCI//DISSEMINATION. For example, a portion marked (S//NF) is Secret, Not Releasable to Foreign Nationals, and the banner line would read SECRET//NOFORN. See the public CAPCO register for the full list.", True),
       ("ECCN lookup helper:\n\n```python\nECCN_PATTERN = re.compile(r\"^[0-9][A-E][0-9]{3}[a-z]?$\")\n\ndef needs_license(eccn: str, dest: str) -> bool:\n    return eccn != \"EAR99\" and dest in EMBARGOED\n```\n", False),
       ("What is CUI? Controlled Unclassified Information is information the government creates or possesses that requires safeguarding. Markings such as CUI or CUI//SP-PROPIN appear in the banner; the NARA CUI Registry lists the categories.", True),
       ("ITAR compliance for startups: if your product appears on the U.S. Munitions List, technical data cannot be shared with foreign persons without a licence. Register with DDTC, appoint an empowered official and train engineers before hiring abroad.", False),
       ("The UK Government Security Classifications have three levels: OFFICIAL, SECRET and TOP SECRET. OFFICIAL-SENSITIVE is a handling caveat, not a separate classification.", False)]
for i in range(15):
    t, arg = CLP[i % 5]
    add("neg-clsguide", "classification-explainer", "guide.md", t + "\n", False, frames=["web-fetch", "paste", "read-cc"], tags=(["arguable"] if arg else []) + ["sub:%d" % (i % 5)])

# OSS code using "internal" as a word (Go internal/, Kotlin internal, "internal use only" API notes)
INTW = [
 ("internal/poll/fd.go", "// Copyright 2017 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\n// Package poll supports non-blocking I/O on file descriptors with polling.\n// This package is internal; it is not intended for use outside the standard library.\npackage poll\n"),
 ("src/_internal/utils.py", '# SPDX-License-Identifier: BSD-3-Clause\n"""Internal helpers. For internal use only; not part of the public API and may change without notice."""\n\n\ndef _chunks(seq, n):\n    for i in range(0, len(seq), n):\n        yield seq[i:i + n]\n'),
 ("kotlinx/coroutines/Internal.kt", "/*\n * Copyright 2016-2024 JetBrains s.r.o. Use of this source code is governed by the Apache 2.0 license.\n */\npackage kotlinx.coroutines\n\n@RequiresOptIn(level = RequiresOptIn.Level.ERROR, message = \"This is an internal kotlinx.coroutines API that should not be used from outside of kotlinx.coroutines.\")\npublic annotation class InternalCoroutinesApi\n\ninternal fun assertNotDisposed() {}\n"),
 ("src/Internal/Buffer.cs", "// Licensed to the .NET Foundation under one or more agreements.\n// The .NET Foundation licenses this file to you under the MIT license.\n\nnamespace System.Text.Json.Internal\n{\n    /// <summary>This API supports the product infrastructure and is not intended to be used directly from your code.</summary>\n    internal sealed class Buffer { }\n}\n"),
 ("lib/private.ts", "/**\n * @internal\n * Not part of the public API surface. Do not rely on this from application code.\n * @license MIT\n */\nexport function __resetCache(): void {\n  cache.clear();\n}\n"),
]
for i in range(20):
    fn, t = INTW[i % 5]
    add("neg-internalword", "oss-internal-word", fn, t, False, tags=["sub:%d" % (i % 5)])

# generated-code headers
GEN = ["// Code generated by protoc-gen-go. DO NOT EDIT.\n// versions:\n// \tprotoc-gen-go v1.34.2\n// \tprotoc        v5.27.1\n// source: api/v1/health.proto\n\npackage healthv1\n",
       "# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\n# source: health.proto\n\"\"\"Generated protocol buffer code.\"\"\"\nfrom google.protobuf import descriptor as _descriptor\n",
       "/* eslint-disable */\n// This file was automatically generated by openapi-typescript. Do not make direct changes to the file.\n\nexport interface paths {\n  \"/pets\": { get: operations[\"listPets\"] };\n}\n",
       "// <auto-generated>\n//     This code was generated by a tool.\n//     Changes to this file may cause incorrect behavior and will be lost if\n//     the code is regenerated.\n// </auto-generated>\nnamespace Petstore.Client { }\n"]
for i in range(15):
    add("neg-generated", "generated-code", ["health.pb.go", "health_pb2.py", "schema.d.ts", "Client.g.cs"][i % 4], GEN[i % 4], False, tags=["sub:%d" % (i % 4)])

# email thread with a boilerplate confidentiality disclaimer about an OSS bug (arguable)
for i in range(10):
    t = ("Hi team,\n\nThe upstream fix for the race in the connection pool is merged (see the public PR). We can drop our workaround after upgrading to 2.8.1.\n\nThanks,\nOps\n\n--\n"
         "This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender and delete it.")
    add("neg-disclaimer", "email-disclaimer", "thread.eml", t, False, frames=["paste", "web-fetch", "read-cc"], tags=["arguable"])

# company code with internal names but NO marker (arguable: nothing in the text says confidential)
for i in range(15):
    v = company(); lang = CODE_LANGS[i % len(CODE_LANGS)]
    path, text, style = source_file(lang, None, v)
    add("neg-unmarked", "unmarked-company-code", path, text, False, tags=["arguable", "lang:" + lang])

# open-source IaC examples with RFC 1918 ranges (arguable: internal addressing, but public module docs)
IAC = ['# SPDX-License-Identifier: Apache-2.0\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n\n  name = "example"\n  cidr = "10.0.0.0/16"\n\n  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]\n  public_subnets  = ["10.0.101.0/24", "10.0.102.0/24"]\n}\n',
       '# Example from the project README (MIT)\nservices:\n  db:\n    image: postgres:16\n    networks:\n      backend:\n        ipv4_address: 172.20.0.5\nnetworks:\n  backend:\n    ipam:\n      config:\n        - subnet: 172.20.0.0/16\n',
       '# Licensed under the Apache License, Version 2.0\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: default-ipv4-ippool\nspec:\n  cidr: 192.168.0.0/16\n  natOutgoing: true\n']
for i in range(10):
    add("neg-iac", "oss-iac-private-cidr", ["examples/complete/main.tf", "docker-compose.yml", "manifests/ippool.yaml"][i % 3], IAC[i % 3], False, tags=["arguable", "sub:%d" % (i % 3)])

# ------------------------------------------------------------------ write
with open(OUT, "w", encoding="utf-8") as f:
    for c in CASES: f.write(json.dumps(c, ensure_ascii=False) + "\n")
pos = sum(1 for c in CASES if c["expect"]); print("cases", len(CASES), "positives", pos, "negatives", len(CASES) - pos)
