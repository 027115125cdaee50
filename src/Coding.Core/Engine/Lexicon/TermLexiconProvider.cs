using System.Collections.Concurrent;
using Coding.Core.Codebooks;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Data;
using Coding.Core.Engine.Priors;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Core.Engine.Lexicon;

/// <summary>
/// Builds each release's <see cref="TermLexicon"/> from the database once per process, at first use, and shares it.
/// The release in force is looked up per call (one indexed query), so an import of a new year is picked up for the
/// dates it covers; <see cref="Refresh"/> drops the built lexicons (e.g. after a release was replaced).
/// </summary>
/// External Cause Index terms (places, activities, mechanisms) and the long-term drug names (<see cref="StatusTerms.DrugTerms"/>)
/// join the lexicon under the claims policy only, where the
/// rules keep external causes to injuries (Guidelines I.C.20); under findings they cost CodiEsp dev F1 0.557 → 0.543 with
/// its priors, and re-learned priors only recovered it to 0.558 with MAP 0.479 → 0.477.
public sealed class TermLexiconProvider(IServiceScopeFactory scopes, CodingPriors priors, Microsoft.Extensions.Options.IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<(int Release, CodingPolicy Policy), Lazy<Task<TermLexicon>>> _byRelease = new();

    // Runs once per coded encounter: compiled, so the worker does not rebuild and funcletize the LINQ tree each time.
    private static readonly Func<CodingDbContext, CodeSystem, DateOnly, CancellationToken, Task<CodebookRelease?>> InForce =
        EF.CompileAsyncQuery((CodingDbContext db, CodeSystem system, DateOnly date, CancellationToken ct) => db.CodebookReleases.AsNoTracking()
            .Where(r => r.System == system && r.EffectiveFrom <= date && r.EffectiveTo >= date)
            .OrderByDescending(r => r.EffectiveFrom).FirstOrDefault());

    /// <summary>The lexicon of the release in force for the configured policy (Engine:Policy).</summary>
    /// <exception cref="NoCodebookInForceException">No loaded release of the system covers the date.</exception>
    public Task<TermLexicon> ForAsync(CodeSystem system, DateOnly date, CancellationToken ct) => ForAsync(system, date, options.Value.Policy, ct);

    /// <summary>
    /// The lexicon for another policy than the configured one (a CDI run of a CodiEsp gold set under findings): built on
    /// first use (seconds, ~250 MB) and cached beside the configured one, with that policy's learned phrases.
    /// </summary>
    /// <exception cref="NoCodebookInForceException">No loaded release of the system covers the date.</exception>
    public async Task<TermLexicon> ForAsync(CodeSystem system, DateOnly date, CodingPolicy policy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var release = await InForce(db, system, date, ct);
        if (release is null)
        {
            var loaded = await db.CodebookReleases.AsNoTracking().Where(r => r.System == system).Select(r => r.Version).ToListAsync(ct);
            throw new NoCodebookInForceException(system, date, loaded.Count == 0
                ? $"no {CodeFormat.Slug(system)} release is imported"
                : $"loaded {CodeFormat.Slug(system)} releases: {string.Join(", ", loaded.Order())}");
        }
        var lazy = _byRelease.GetOrAdd((release.Id, policy), _ => new Lazy<Task<TermLexicon>>(() => LoadAsync(release, policy)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed load (database down) must not be cached for the life of the process.
            _byRelease.TryRemove((release.Id, policy), out _);
            throw;
        }
    }

    public void Refresh() => _byRelease.Clear();

    /// <summary>Loads the newest release's lexicon ahead of the first message, so it does not wait seconds for it.</summary>
    public async Task WarmAsync(CodeSystem system, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var newest = await db.CodebookReleases.AsNoTracking().Where(r => r.System == system)
            .OrderByDescending(r => r.EffectiveFrom).Select(r => (DateOnly?)r.EffectiveFrom).FirstOrDefaultAsync(ct);
        if (newest is { } date)
            await ForAsync(system, date, ct);
    }

    private async Task<TermLexicon> LoadAsync(CodebookRelease release, CodingPolicy policy)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        var claims = policy == CodingPolicy.Claims;
        var codes = await db.CodebookCodes.AsNoTracking().Where(c => c.ReleaseId == release.Id)
            .Select(c => new LexiconCode(c.Code, c.Title, c.Billable, c.Parent)).ToListAsync();
        var terms = await db.CodebookTerms.AsNoTracking().Where(t => t.System == release.System && (claims || t.Kind != TermKind.ExternalCause))
            .Select(t => new LexiconTerm(t.Id, t.Code, t.Kind, t.Text)).ToListAsync();
        if (claims && release.System == CodeSystem.Icd10Cm)
            terms.AddRange(StatusTerms.DrugTerms());
        // In content order, not id order: ids follow the order terms were imported in (a database that took a newer
        // importer's terms later numbers them last), and term order breaks ties in matching, so the same codebooks
        // must give the same lexicon, and the same learned priors, in every database.
        terms.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code) is var c and not 0 ? c
            : a.Kind.CompareTo(b.Kind) is var k and not 0 ? k : string.CompareOrdinal(a.Text, b.Text));
        var kinds = new[] { TabularNoteKind.Excludes1, TabularNoteKind.CodeFirst, TabularNoteKind.UseAdditionalCode };
        var notes = release.System == CodeSystem.Icd10Cm
            ? await db.CodebookNotes.AsNoTracking().Where(n => kinds.Contains(n.Kind)).Select(n => new { n.Code, n.Kind, n.Text }).ToListAsync()
            : [];
        // Null, not empty, when the release has no list: the POA rules then fall back to their own guess.
        var poaExempt = release.PoaExemptHash is null ? null
            : await db.PoaExemptCodes.AsNoTracking().Where(p => p.ReleaseId == release.Id).Select(p => p.Code).ToListAsync();
        // Phrases learned from training notes join the codebook's terms (ICD-10-CM only: that is what they were learned for).
        var policyPriors = policy == options.Value.Policy ? priors : CodingPriors.Embedded(policy);
        var learned = release.System == CodeSystem.Icd10Cm ? LearnedTerms.AsTerms(policyPriors.Learned) : [];
        return new TermLexicon(release.System, release.Version, codes, terms.Concat(learned),
            notes.Select(n => new LexiconNote(n.Code, n.Kind switch
            {
                TabularNoteKind.Excludes1 => LexiconNoteKind.Excludes1,
                TabularNoteKind.CodeFirst => LexiconNoteKind.CodeFirst,
                _ => LexiconNoteKind.UseAdditionalCode,
            }, n.Text)), poaExempt);
    }
}
