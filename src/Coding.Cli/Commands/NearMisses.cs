using Coding.Core.Engine;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;
using Coding.Core.Evaluation;

namespace Coding.Cli.Commands;

/// <summary>
/// Error analysis for candidate recall: for every gold code that no candidate and no set-aside mention reached, the
/// codebook term of the code (or of a header above it) that came closest in one sentence of the note, and the term
/// keys that sentence lacked. Aggregated over a train split, the missing keys show which words the lexicon does not
/// connect, and the sibling column the candidate of the same category that was found instead. Writes codes and
/// codebook words only, never note text.
/// </summary>
internal static class NearMisses
{
    public static void Write(string path, IReadOnlyList<EvaluationDocument> documents, IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        EngineEvaluationRun run, TermLexicon lexicon)
    {
        var termsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < lexicon.Terms.Count; i++)
        {
            if (!termsOf.TryGetValue(lexicon.Terms[i].Code, out var list))
                termsOf[lexicon.Terms[i].Code] = list = [];
            list.Add(i);
        }
        var rows = new List<(string Code, string Term, string Missing, int Present, int Total, string Sibling)>();
        foreach (var document in documents)
        {
            var candidates = run.Candidates.GetValueOrDefault(document.Id)?.Select(CodeKey.Match).ToHashSet() ?? [];
            var excluded = run.ExcludedStatus.GetValueOrDefault(document.Id) ?? new Dictionary<string, string>();
            var missed = gold.GetValueOrDefault(document.Id)?.Select(CodeKey.Match)
                .Where(k => !candidates.Contains(k) && !excluded.ContainsKey(k) && lexicon.Code(k) is { Billable: true }).ToList() ?? [];
            if (missed.Count == 0)
                continue;
            var note = NotePreparer.Prepare(document.Text);
            var sentences = note.Sentences.Select(s => note.TokensOf(s).ToArray().SelectMany(t => t.MatchKeys).Select(OrganWords.Canonical).ToHashSet(StringComparer.Ordinal)).ToList();
            foreach (var code in missed)
            {
                (int Term, string[] Missing, int Present)? best = null;
                for (var n = code.Length; n >= 3; n--)
                {
                    foreach (var t in termsOf.GetValueOrDefault(code[..n]) ?? [])
                    {
                        var keys = lexicon.Keys[t];
                        foreach (var words in sentences)
                        {
                            var present = keys.Count(words.Contains);
                            if (present == 0 && keys.Length > 1)
                                continue;
                            var missing = keys.Where(k => !words.Contains(k)).ToArray();
                            if (best is null || missing.Length < best.Value.Missing.Length || (missing.Length == best.Value.Missing.Length && present > best.Value.Present))
                                best = (t, missing, present);
                        }
                    }
                }
                rows.Add(best is { } b
                    ? (code, lexicon.Terms[b.Term].Text, string.Join(' ', b.Missing), b.Present, lexicon.Keys[b.Term].Length, Sibling(code, candidates))
                    : (code, "", "", 0, 0, Sibling(code, candidates)));
            }
        }
        using var writer = new StreamWriter(path);
        writer.Write("code\ttitle\tterm\tmissing\tpresent\ttotal\tsibling\n");
        foreach (var r in rows.OrderBy(r => r.Code, StringComparer.Ordinal))
            writer.Write($"{r.Code}\t{lexicon.Code(r.Code)?.Title}\t{r.Term}\t{r.Missing}\t{r.Present}\t{r.Total}\t{r.Sibling}\n");
        Console.WriteLine($"near misses: {rows.Count} gold codes without a candidate, {rows.Count(r => r.Total > 1 && r.Total - r.Present == 1)} one key short → {path}");
    }

    /// <summary>The candidate sharing the longest prefix (at least the category) with a missed code, or empty.</summary>
    private static string Sibling(string code, HashSet<string> candidates) =>
        candidates.Where(c => c.Length >= 3 && code.StartsWith(c[..3], StringComparison.Ordinal))
            .MaxBy(c => Enumerable.Range(0, Math.Min(c.Length, code.Length)).TakeWhile(i => c[i] == code[i]).Count()) ?? "";
}
