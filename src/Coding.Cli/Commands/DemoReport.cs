using System.Globalization;
using System.Text;
using System.Text.Json;
using Coding.Core.Data;
using Coding.Core.Ingest;
using Coding.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Coding.Cli.Commands;

/// <summary>What the demo run did, in numbers: machine-readable JSON beside a short human report.</summary>
internal sealed record DemoReport(
    DateTimeOffset FinishedAt,
    double ElapsedSeconds,
    int Ingested,
    int AlreadyStored,
    int Conflicts,
    int RefusedLines,
    int Coded,
    int Failed,
    int StillWaiting,
    IReadOnlyDictionary<string, int> FailureReasons,
    int Suggestions,
    int EvidenceSpans,
    IReadOnlyDictionary<string, int> Engines,
    IReadOnlyDictionary<string, int> Adjudications,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    IReadOnlyDictionary<string, int> Policies,
    DemoGold Gold)
{
    public static async Task<DemoReport> BuildAsync(CodingDbContext db, List<Guid> ids, FileIngestReport ingest, PipelineSnapshot s, TimeSpan elapsed,
        FileInfo goldFile, CancellationToken ct)
    {
        var latencies = await db.Encounters.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.CodedAt != null)
            .Select(e => new { e.ReceivedAt, e.CodedAt })
            .ToListAsync(ct);
        var ms = latencies.Select(l => (l.CodedAt!.Value - l.ReceivedAt).TotalMilliseconds).Order().ToList();
        var engines = await db.SuggestionSets.AsNoTracking().Where(x => ids.Contains(x.EncounterId))
            .GroupBy(x => x.Engine + " " + x.EngineVersion).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var adjudications = (await db.SuggestionSets.AsNoTracking().Where(x => ids.Contains(x.EncounterId) && x.Adjudication != null)
                .Select(x => x.Adjudication!).ToListAsync(ct))
            .Select(Adjudication)
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var policies = (await db.SuggestionSets.AsNoTracking().Where(x => ids.Contains(x.EncounterId)).Select(x => x.Policy).ToListAsync(ct))
            .GroupBy(p => p.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        var suggestions = await db.Suggestions.CountAsync(x => ids.Contains(x.EncounterId), ct);
        var spans = await db.Suggestions.Where(x => ids.Contains(x.EncounterId)).SelectMany(x => x.Evidence).CountAsync(ct);
        return new DemoReport(DateTimeOffset.UtcNow, Math.Round(elapsed.TotalSeconds, 2), ingest.Created, ingest.Duplicates, ingest.Conflicts, ingest.Errors.Count,
            s.Coded, s.Failed, s.Received, s.FailureReasons, suggestions, spans, engines, adjudications, Percentile(ms, 0.50), Percentile(ms, 0.95),
            policies, await DemoGold.ScoreAsync(db, ids, goldFile, ct));
    }

    public async Task WriteAsync(DirectoryInfo dir, CancellationToken ct)
    {
        dir.Create();
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "report.json"), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }), ct);
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "report.md"), Markdown(), ct);
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"""

        ── demo summary ─────────────────────────────
         encounters ingested   {Ingested} new, {AlreadyStored} already stored, {Conflicts} conflicting, {RefusedLines} refused lines
         coded                 {Coded}
         failed                {Failed}{(FailureReasons.Count == 0 ? "" : " (" + string.Join(", ", FailureReasons.Select(f => $"{f.Key} × {f.Value}")) + ")")}
         still waiting         {StillWaiting}
         suggestions           {Suggestions} with {EvidenceSpans} evidence spans
         engines               {(Engines.Count == 0 ? "-" : string.Join(", ", Engines.Select(e => $"{e.Key} × {e.Value}")))}
         policy                {(Policies.Count == 0 ? "-" : string.Join(", ", Policies.Select(p => $"{p.Key} × {p.Value}")))}
         adjudication          {(Adjudications.Count == 0 ? "none (Model:Backend=none)" : string.Join(", ", Adjudications.Select(e => $"{e.Key} × {e.Value}")))}
         latency ingest→coded  p50 {Fmt(LatencyP50Ms)} ms, p95 {Fmt(LatencyP95Ms)} ms
         elapsed               {ElapsedSeconds:0.0} s
        """) + Gold.Summary(Policies);

    private string Markdown()
    {
        var b = new StringBuilder();
        b.AppendLine("# Coding demo run").AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Finished {FinishedAt:u}. Codes and numbers only: no note text is written here.").AppendLine();
        b.AppendLine("```").AppendLine(Summary().Trim()).AppendLine("```");
        return b.ToString();
    }

    /// <summary>"llama sha256:1234abcd… prompt adjudicate-v1" or "… fell back: Timeout", from a set's provenance JSON.</summary>
    private static string Adjudication(string json)
    {
        var a = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var model = (string?)a["model"] ?? "?";
        var label = $"{a["backend"]} {(model.Length > 19 ? model[..19] + "…" : model)} {a["promptVersion"]}";
        return a["fallback"] is { } f ? $"{label} fell back: {f["reason"]}" : label;
    }

    private static string Fmt(double? v) => v is null ? "-" : v.Value.ToString("0", CultureInfo.InvariantCulture);

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
