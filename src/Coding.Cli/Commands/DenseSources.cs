using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coding.Cli.Commands;

/// <summary>
/// Dense retrieval as the CLI commands run it: exactly the worker's (<see cref="DeterministicEngine"/>) phrases, round
/// trip and settings, read from the same <c>Engine:Dense*</c> options, so eval, learn and bench describe the worker.
/// </summary>
internal static class DenseSources
{
    /// <summary>The worker's retrieval for eval and bench (<see cref="DenseRetriever.SourceFor"/>); null when <c>Engine:Dense</c> is off.</summary>
    public static DenseSource? For(IServiceProvider services, TermLexicon lexicon, CareSetting setting, CancellationToken ct) =>
        services.GetRequiredService<DenseRetriever>().SourceFor(lexicon, setting, ct);

    /// <summary>
    /// For learning: hits for every eligible phrase of every training note (one round trip per note), so each
    /// cross-fitting fold can keep those its own lexical pass leaves unmatched. Null when <c>Engine:Dense</c> is off.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<DenseHit>>?> ForTrainingAsync(IServiceProvider services, TermLexicon lexicon, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        if (!options.Dense)
            return null;
        var retriever = services.GetRequiredService<DenseRetriever>();
        var all = new List<IReadOnlyList<DenseHit>>(texts.Count);
        int phrases = 0;
        var database = TimeSpan.Zero;
        foreach (var text in texts)
        {
            var retrieval = await retriever.RetrieveAsync(lexicon, DensePhrases.Eligible(Coding.Core.Engine.Preparation.NotePreparer.Prepare(text), CareSetting.Inpatient), ct);
            all.Add(retrieval.Hits);
            phrases += retrieval.Phrases;
            database += retrieval.Database;
        }
        Console.WriteLine($"dense retrieval over train: {phrases} eligible phrases ({(double)phrases / Math.Max(1, texts.Count):F1}/note), {all.Sum(h => h.Count)} hits, database {database.TotalMilliseconds / Math.Max(1, texts.Count):F1} ms/note");
        return all;
    }
}
