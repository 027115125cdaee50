using System.Globalization;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation.Finalized;
using Coding.Core.Notes;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding eval learn --from-finalized [--since DATE]`: this site's finalized encounters as training documents, the
/// coders' decisions as labels (<see cref="FinalizedGold"/>). The report gives counts only, never note text or the
/// source system's encounter ids.
/// </summary>
internal static class EvalLearnFinalized
{
    /// <param name="since">Only encounters finalized on or after this day (UTC midnight); null: all of them.</param>
    /// <returns>The training documents, or null when there is nothing to learn from or a note cannot be read (the
    /// report says which).</returns>
    public static async Task<IReadOnlyList<TrainingDocument>?> LoadAsync(
        IServiceProvider services, DateOnly? since, TextWriter report, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var reader = new FinalizedGold(
            sp.GetRequiredService<CodingDbContext>(), sp.GetRequiredService<NoteProtector>(), sp.GetRequiredService<TimeProvider>());
        var from = since is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var window = since is { } d ? $" since {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";

        IReadOnlyList<FinalizedDocument> documents;
        try
        {
            documents = await reader.ReadAsync(Actor.Cli(), from, ct);
        }
        catch (NoteUnreadableException e)
        {
            // The exception names the encounter by its internal id and the reason, never the note.
            report.WriteLine($"cannot learn from finalized encounters: {e.Message} " +
                             "Fix the note keys (NoteProtection:Keys) or narrow --since.");
            return null;
        }
        if (documents.Count == 0)
        {
            report.WriteLine($"no finalized encounters{window}: nothing to learn from");
            return null;
        }

        var decisions = documents.Aggregate(default(DecisionCounts), (sum, doc) => sum + doc.Decisions);
        var codes = documents.Sum(doc => doc.Codes.Count);
        var settings = string.Join(", ", documents.GroupBy(doc => doc.Setting).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}"));
        report.WriteLine($"finalized encounters{window}: {documents.Count} ({settings}), " +
                         $"{documents.Min(doc => doc.FinalizedAt):yyyy-MM-dd} to {documents.Max(doc => doc.FinalizedAt):yyyy-MM-dd}");
        report.WriteLine($"gold ICD-10-CM codes: {codes} ({Per(codes, documents.Count)} per encounter; " +
                         $"{documents.Count(doc => doc.Codes.Count == 0)} encounters with none)");
        report.WriteLine($"coder decisions: accepted {decisions.Accepted}, rejected {decisions.Rejected}, " +
                         $"modified {decisions.Modified}, added {decisions.Added}");
        return documents.Select(doc => doc.ToTrainingDocument()).ToList();
    }

    private static string Per(int count, int documents) => ((double)count / documents).ToString("F1", CultureInfo.InvariantCulture);
}
