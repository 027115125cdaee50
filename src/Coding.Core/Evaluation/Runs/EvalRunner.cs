using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Codebooks;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Dense;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation.CodiEsp;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coding.Core.Evaluation.Runs;

/// <summary>
/// Queues, claims and executes evaluation runs. A run goes through the gold set in batches; each batch's codes and
/// its "document done" rows commit together with the progress counter and heartbeat, so a run interrupted anywhere
/// (host stopped, process killed) resumes at the first unfinished batch, on this host or another.
/// </summary>
public sealed class EvalRunner(
    CodingDbContext db,
    TermLexiconProvider lexicons,
    CodingPriors priors,
    DenseRetriever denseRetriever,
    IOptions<EngineOptions> engine,
    IOptions<GoldSetOptions> options,
    IOptions<CodebooksOptions> codebooks,
    TimeProvider clock,
    ILogger<EvalRunner> log)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="GoldSetUnavailableException">The name is not a configured gold set.</exception>
    public async Task<EvalRun> QueueAsync(string goldSet, Actor actor, CancellationToken ct)
    {
        var entry = options.Value.Find(goldSet) ?? throw new GoldSetUnavailableException($"'{goldSet}' is not a configured gold set");
        var run = new EvalRun
        {
            Id = Guid.NewGuid(),
            GoldSet = goldSet,
            Engine = DeterministicEngine.EngineName,
            EngineVersion = DeterministicEngine.EngineVersion,
            Policy = entry.PolicyOr(engine.Value.Policy),
            Status = EvalRunStatus.Queued,
            RequestedBy = actor.Name,
            RequestedAt = clock.GetUtcNow(),
        };
        db.Set<EvalRun>().Add(run);
        db.Record(actor, "eval-run.requested", nameof(EvalRun), run.Id, detail: JsonSerializer.Serialize(new { goldSet }), clock: clock);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Claims and executes queued (or abandoned) runs one after another until none is left; returns how many ran.</summary>
    public async Task<int> RunPendingAsync(CancellationToken ct)
    {
        var count = 0;
        while (!ct.IsCancellationRequested && await ClaimAsync(ct) is { } id)
        {
            await RunAsync(id, ct);
            count++;
        }
        return count;
    }

    /// <summary>
    /// The oldest queued run, or a running one whose host went silent, marked Running by this host. SKIP LOCKED lets
    /// several API hosts poll without taking the same run.
    /// </summary>
    public async Task<Guid?> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stale = now - options.Value.StaleAfter;
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE eval_runs SET status = 'Running', heartbeat_at = {now}, started_at = coalesce(started_at, {now}), attempts = attempts + 1
            WHERE id = (SELECT id FROM eval_runs
                        WHERE status = 'Queued' OR (status = 'Running' AND heartbeat_at < {stale})
                        ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        return claimed.Count == 0 ? null : claimed[0];
    }

    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        var run = await db.Set<EvalRun>().SingleAsync(r => r.Id == id, ct);
        try
        {
            var entry = options.Value.Find(run.GoldSet) ?? throw new GoldSetUnavailableException($"'{run.GoldSet}' is no longer a configured gold set");
            var (documents, gold) = GoldSets.Load(entry);
            // The set's own policy (CodiEsp: findings), with that policy's priors and lexicon.
            var policy = entry.PolicyOr(engine.Value.Policy);
            var runPriors = policy == engine.Value.Policy ? priors : CodingPriors.Embedded(policy);
            var lexicon = await lexicons.ForAsync(CodeSystem.Icd10Cm, entry.DateOfService, policy, ct);
            var edition = GoldEdition(entry, lexicon.ReleaseVersion);
            run.CodebookRelease = $"ICD-10-CM {lexicon.ReleaseVersion}{(edition is null ? "" : $", gold in {edition.Name}")}";
            run.Priors = runPriors.Source.Length > 256 ? runPriors.Source[..256] : runPriors.Source;
            run.Policy = policy;
            run.DocumentsTotal = documents.Count;
            var done = (await db.Set<EvalRunDocument>().Where(d => d.RunId == id).Select(d => d.Document).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            run.DocumentsDone = done.Count;
            await SaveAsync(run, ct);
            if (done.Count > 0)
                log.LogInformation("Eval run {RunId} resumes at document {Done} of {Total}", id, done.Count, documents.Count);

            foreach (var batch in documents.Where(d => !done.Contains(d.Id)).Chunk(options.Value.BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                var result = EngineEvaluation.Run(batch, gold, lexicon, runPriors, entry.Setting, denseRetriever.SourceFor(lexicon, entry.Setting, ct), engine.Value.DenseSettings, edition,
                    policy);
                if (edition is not null)
                    result = result.InEdition(edition);
                run.Threshold = result.Threshold;
                foreach (var document in batch)
                {
                    db.Set<EvalRunCode>().AddRange(EvalRunnerRows.Of( result.Ranked.GetValueOrDefault(document.Id) ?? [], gold.GetValueOrDefault(document.Id) ?? new HashSet<string>(), id, document.Id));
                    db.Set<EvalRunDocument>().Add(new EvalRunDocument { RunId = id, Document = document.Id });
                }
                run.DocumentsDone += batch.Length;
                await SaveAsync(run, ct);
            }

            var codes = await db.Set<EvalRunCode>().AsNoTracking().Where(c => c.RunId == id).ToListAsync(ct);
            var finished = await db.Set<EvalRunDocument>().AsNoTracking().Where(d => d.RunId == id).Select(d => d.Document).ToListAsync(ct);
            var summary = EvalRunResults.From(finished, codes, run.Threshold ?? 0).Summarize();
            run.Metrics = JsonSerializer.Serialize(summary, Json);
            run.Status = EvalRunStatus.Succeeded;
            run.FinishedAt = clock.GetUtcNow();
            await SaveAsync(run, ct);
            log.LogInformation("Eval run {RunId} on {GoldSet} finished: {Documents} documents, micro-F1 {F1:F3}", id, run.GoldSet, summary.Documents, summary.Full.MicroF1);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Host stopping: hand the run back so the next poll (here or elsewhere) resumes it without waiting to go stale.
            run.Status = EvalRunStatus.Queued;
            await SaveAsync(run, CancellationToken.None);
            log.LogInformation("Eval run {RunId} paused at {Done} of {Total} documents (host stopping)", id, run.DocumentsDone, run.DocumentsTotal);
            throw;
        }
        catch (Exception e) when (e is GoldSetUnavailableException or NoCodebookInForceException)
        {
            await FailAsync(run, e.Message);
        }
        catch (Exception e)
        {
            // Unknown failures keep only the type: an engine exception message could quote the document.
            log.LogError("Eval run {RunId} failed: {Error}", id, e.GetType().Name);
            await FailAsync(run, $"unexpected error: {e.GetType().Name}");
        }
    }

    /// <summary>
    /// CodiEsp gold is written in ICD-10-CM FY2017 (<see cref="CodiEspEdition"/>): its runs compare the engine's codes in
    /// that edition, as `coding eval --codiesp` does, through the release's conversion table when the codebook folder has it.
    /// </summary>
    private CodeEdition? GoldEdition(GoldSetEntry entry, string releaseVersion) =>
        entry.Kind == "codiesp" ? CodiEspEdition.FromCodebooks(codebooks.Value.SourceRoot, releaseVersion) : null;

    private async Task FailAsync(EvalRun run, string error)
    {
        db.ChangeTracker.Clear();
        db.Attach(run);
        run.Status = EvalRunStatus.Failed;
        run.Error = error.Length > 512 ? error[..512] : error;
        run.FinishedAt = clock.GetUtcNow();
        await SaveAsync(run, CancellationToken.None);
    }

    private async Task SaveAsync(EvalRun run, CancellationToken ct)
    {
        run.HeartbeatAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // A large gold set would otherwise keep every stored code tracked until the run ends.
        db.ChangeTracker.Clear();
        db.Attach(run);
    }
}

/// <summary>One document's rows for eval_run_codes.</summary>
public static class EvalRunnerRows
{
    /// <summary>The document's ranked predictions (rank = list order) and gold codes, merged on the comparison key.</summary>
    public static List<EvalRunCode> Of(IReadOnlyList<ScoredCode> ranked, IReadOnlySet<string> gold, Guid runId = default, string document = "")
    {
        var rows = new Dictionary<string, EvalRunCode>(StringComparer.Ordinal);
        var rank = 0;
        foreach (var prediction in ranked)
        {
            var key = CodeKey.Match(prediction.Code);
            if (rows.ContainsKey(key))
                continue;
            rows[key] = new EvalRunCode { RunId = runId, Document = document, Code = key, Score = prediction.Score, Rank = ++rank };
        }
        foreach (var key in gold.Select(CodeKey.Match))
        {
            if (rows.TryGetValue(key, out var row))
                row.Gold = true;
            else
                rows[key] = new EvalRunCode { RunId = runId, Document = document, Code = key, Gold = true };
        }
        return rows.Values.ToList();
    }
}
