using System.Globalization;
using System.Text;
using Coding.Core.Data;
using Coding.Core.Evaluation;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Coding.Cli.Commands;

/// <summary>
/// The demo's stored suggestion sets scored against a gold set (<see cref="StoredSetScore"/>): the figures a reader of the
/// demo wants next to the counts. <see cref="Skipped"/> says why there are none. Codes and counts only, never note text.
/// </summary>
internal sealed record DemoGold(string File, string? Skipped, StoredSetScore? Score)
{
    /// <summary>
    /// Reads the gold and the engine's stored ICD-10-CM codes of the run's encounters, keyed by external id. Coder-added
    /// codes and replacements (status Added) are left out, so a re-run after review still scores what the engine stored;
    /// rejected and modified ones stay (the engine suggested them). An encounter without a set scores as suggesting nothing.
    /// </summary>
    public static async Task<DemoGold> ScoreAsync(CodingDbContext db, IReadOnlyCollection<Guid> ids, FileInfo file, CancellationToken ct)
    {
        var path = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
        if (!file.Exists)
            return new DemoGold(path, "file not found", null);
        IReadOnlyList<GoldDocument> gold;
        try
        {
            gold = GoldJsonl.Read(file.FullName);
        }
        catch (FormatException e)
        {
            // The message names the line and field, never the content (GoldJsonl).
            return new DemoGold(path, e.Message, null);
        }
        var encounters = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.ExternalId }).ToListAsync(ct);
        var codes = (await db.Suggestions.AsNoTracking()
                .Where(s => ids.Contains(s.EncounterId) && s.CodeSystem == CodeSystem.Icd10Cm && s.Status != SuggestionStatus.Added)
                .OrderBy(s => s.Rank)
                .Select(s => new { s.EncounterId, s.Code, s.Role })
                .ToListAsync(ct))
            .ToLookup(s => s.EncounterId, s => new StoredCode(s.Code, s.Role));
        var stored = encounters.ToDictionary(e => e.ExternalId, e => (IReadOnlyList<StoredCode>)codes[e.Id].ToList(),
            StringComparer.Ordinal);
        return new DemoGold(path, null, StoredSetScore.Of(gold, stored));
    }

    public string Summary(IReadOnlyDictionary<string, int> policies)
    {
        var b = new StringBuilder();
        b.AppendLine().AppendLine().AppendLine(("── against gold " + File + " ").PadRight(45, '─'));
        if (Score is not { } s)
            return b.Append(CultureInfo.InvariantCulture, $" scoring skipped: {Skipped}").ToString();
        var policy = policies.Count == 0 ? "-" : string.Join(", ", policies.Select(p => $"{p.Key} × {p.Value}"));
        b.AppendLine(CultureInfo.InvariantCulture,
            $" notes scored          {s.All.Notes} (ICD-10-CM, policy {policy}; " +
            $"gold notes not in this run {s.GoldNotesNotInRun}, run notes without gold {s.RunNotesNotInGold})");
        var full = s.All.Full;
        b.AppendLine(CultureInfo.InvariantCulture,
            $" micro P / R / F1      {Prf(full)}  (full code, TP {full.TruePositives} FP {full.FalsePositives} FN {full.FalseNegatives})");
        b.AppendLine(CultureInfo.InvariantCulture, $" strict P / R / F1     {Prf(s.All.Strict)}  (7th character compared)");
        b.AppendLine(CultureInfo.InvariantCulture,
            $" lead correct          {Lead(s.All)}  (stored principal / first-listed code is the gold's)");
        b.AppendLine(CultureInfo.InvariantCulture,
            $" suggestions per note  {s.All.SuggestionsPerNote:0.00} (gold {s.All.GoldCodesPerNote:0.00})");
        foreach (var t in s.Settings)
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $" {t.Setting,-21} {t.Notes} notes: P / R / F1 {Prf(t.Full)}, strict F1 {t.Strict.F1:0.000}, " +
                $"lead {Lead(t)}, {t.SuggestionsPerNote:0.00} per note");
        }
        b.Append(" per encounter (TP FP FN; codes missed / extra, full code)");
        var width = s.Notes.Count == 0 ? 0 : s.Notes.Max(n => n.ExternalId.Length);
        foreach (var n in s.Notes)
        {
            b.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  {n.ExternalId.PadRight(width)} {n.Full.TruePositives,2} {n.Full.FalsePositives,2} {n.Full.FalseNegatives,2}");
            if (n.LeadCorrect == false)
                b.Append(CultureInfo.InvariantCulture, $"  lead {n.Lead ?? "none"} (gold {n.GoldLead})");
            if (n.Missed.Count > 0)
                b.Append("  missed ").Append(string.Join(' ', n.Missed));
            if (n.Extra.Count > 0)
                b.Append("  extra ").Append(string.Join(' ', n.Extra));
        }
        return b.ToString();
    }

    private static string Prf(ConfusionCounts c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Precision:0.000} / {c.Recall:0.000} / {c.F1:0.000}");

    private static string Lead(StoredSetTally t) => t.LeadAccuracy is { } a
        ? string.Create(CultureInfo.InvariantCulture, $"{t.LeadCorrect}/{t.LeadGold} ({a:0.000})")
        : "-";
}
