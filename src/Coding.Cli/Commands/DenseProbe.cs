using System.Diagnostics;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Engine;
using Coding.Core.Engine.Preparation;
using Coding.Core.Evaluation;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding eval --dense k`: measures what hybrid pgvector + full-text search would add to the lexical candidates if
/// every sentence without a lexical candidate were searched (top k billable codes each), and what it costs in
/// database time. A measurement, not part of the engine: see src/Coding.Core/Engine/README.md for the decision.
/// </summary>
internal static class DenseProbe
{
    public static async Task RunAsync(IServiceProvider services, IReadOnlyList<EvaluationDocument> documents, IReadOnlyDictionary<string, IReadOnlySet<string>> gold,
        EngineEvaluationRun run, DateOnly date, int top, CancellationToken ct)
    {
        var merged = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var queries = 0;
        var clock = Stopwatch.StartNew();
        foreach (var document in documents)
        {
            await using var scope = services.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<CodebookSearch>();
            var note = NotePreparer.Prepare(document.Text);
            var lexical = run.Candidates.GetValueOrDefault(document.Id) ?? [];
            var codes = new HashSet<string>(lexical.Select(CodeKey.Match));
            foreach (var sentence in note.Sentences.Where(s => s.TokenCount >= 3))
            {
                var text = note.TextOf(sentence);
                var hits = await search.SearchAsync(new SearchQuery(text, CodeSystem.Icd10Cm, date, top, BillableOnly: true), ct);
                queries++;
                foreach (var hit in hits)
                    codes.Add(CodeKey.Match(hit.Code));
            }
            merged[document.Id] = codes;
        }
        clock.Stop();
        var full = CodingMetrics.CandidateRecall(gold, merged, CodeGranularity.Full);
        var category = CodingMetrics.CandidateRecall(gold, merged, CodeGranularity.Category);
        var perDoc = merged.Values.Average(c => c.Count);
        Console.WriteLine($"dense probe (top {top} per sentence, {queries} queries): candidate recall full {full.Recall:F3}, category {category.Recall:F3}; " +
            $"{perDoc:F0} candidates/doc; {clock.Elapsed.TotalMilliseconds / documents.Count:F0} ms/doc, {clock.Elapsed.TotalMilliseconds / Math.Max(1, queries):F1} ms/query (database + embedding)");
    }
}
