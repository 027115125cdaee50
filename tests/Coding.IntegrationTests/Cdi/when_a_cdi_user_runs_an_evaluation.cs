using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Engine;
using Coding.Core.Evaluation.Runs;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coding.IntegrationTests.Cdi;

public sealed class when_a_cdi_user_runs_an_evaluation(EvalRunHost host) : IClassFixture<EvalRunHost>
{
    private static readonly Actor Cdi = new("dana", "cdi", "test");

    private Task<EvalRun> QueueAsync(string goldSet) => host.WithAsync(sp => sp.GetRequiredService<EvalRunner>().QueueAsync(goldSet, Cdi, default));

    private Task<int> RunPendingAsync() => host.WithAsync(sp => sp.GetRequiredService<EvalRunner>().RunPendingAsync(default));

    private Task<EvalRun> ReadAsync(Guid id) => host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRun>().AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task the_run_codes_every_document_and_stores_its_metrics_and_per_document_codes_without_note_text()
    {
        var queued = await QueueAsync("cdi-smoke");
        Assert.Equal(EvalRunStatus.Queued, queued.Status);

        Assert.True(await RunPendingAsync() >= 1);

        var run = await ReadAsync(queued.Id);
        Assert.Equal(EvalRunStatus.Succeeded, run.Status);
        Assert.Equal((6, 6, 1), (run.DocumentsTotal, run.DocumentsDone, run.Attempts));
        Assert.Equal("ICD-10-CM 2026", run.CodebookRelease);
        Assert.Equal(CodingPolicy.Claims, run.Policy);   // the default Engine:Policy
        var summary = JsonSerializer.Deserialize<EvalRunSummary>(run.Metrics!, EvalRunner.Json)!;
        Assert.Equal(6, summary.Documents);
        Assert.Equal(9, summary.Full.TruePositives + summary.Full.FalseNegatives); // nine gold codes in the set
        Assert.True(summary.Full.TruePositives >= 5, $"only {summary.Full.TruePositives} gold codes found");
        Assert.Equal(10, summary.Calibration.Count);

        var codes = await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRunCode>().AsNoTracking().Where(c => c.RunId == run.Id && c.Document == "SMOKE-1").ToListAsync());
        var hypertension = Assert.Single(codes, c => c.Code == "I10");
        Assert.True(hypertension.Gold);
        Assert.NotNull(hypertension.Rank);
        Assert.DoesNotContain(codes, c => c.Code.Contains(' ', StringComparison.Ordinal));
        var audit = await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == run.Id.ToString()));
        Assert.Equal(("eval-run.requested", "dana", "cdi"), (audit.Action, audit.Actor, audit.Role));
    }

    [Fact]
    public async Task the_run_records_the_policy_configured_where_it_is_queued_and_where_it_runs()
    {
        // A runner configured for findings, as a host with Engine:Policy=Findings would build it.
        EvalRunner Findings(IServiceProvider sp) =>
            ActivatorUtilities.CreateInstance<EvalRunner>(sp, Options.Create(new EngineOptions { Policy = CodingPolicy.Findings }));
        var queued = await host.WithAsync(sp => Findings(sp).QueueAsync("cdi-smoke", Cdi, default));
        Assert.Equal(CodingPolicy.Findings, (await ReadAsync(queued.Id)).Policy);

        await host.WithAsync(async sp => { await Findings(sp).RunAsync(queued.Id, default); return 0; });
        var run = await ReadAsync(queued.Id);
        Assert.Equal((EvalRunStatus.Succeeded, CodingPolicy.Findings), (run.Status, run.Policy));
    }

    [Fact]
    public async Task a_codiesp_gold_set_is_compared_in_its_own_edition_and_without_the_encounter_character()
    {
        // CodiEsp writes "r51" (FY2017: split into R51.0 and R51.9 in FY2021) and "s72.001" (S72.001A without its 7th
        // character); the engine suggests R51.9 and S72.001A, and both are the gold's codes.
        var queued = await QueueAsync("codiesp-smoke");

        await RunPendingAsync();

        var run = await ReadAsync(queued.Id);
        Assert.Equal(EvalRunStatus.Succeeded, run.Status);
        Assert.Equal("ICD-10-CM 2026, gold in ICD-10-CM FY2017 (CIE-10-ES 2018)", run.CodebookRelease);
        // CodiEsp codes every finding: its runs follow the findings policy whatever the host's Engine:Policy.
        Assert.Equal(CodingPolicy.Findings, run.Policy);
        var codes = await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRunCode>().AsNoTracking().Where(c => c.RunId == run.Id).ToListAsync());
        var headache = Assert.Single(codes, c => c.Document == "SMOKE-R51" && c.Gold);
        Assert.Equal(("R51", true), (headache.Code, headache.Rank is not null));
        var fracture = Assert.Single(codes, c => c.Document == "SMOKE-S72" && c.Gold);
        Assert.Equal(("S72001", true), (fracture.Code, fracture.Rank is not null));
    }

    [Fact]
    public async Task a_run_abandoned_by_its_host_is_taken_over_and_resumes_after_the_documents_already_done()
    {
        var queued = await QueueAsync("cdi-smoke");
        // As a host that died after committing its first batch leaves it: Running, two documents done, heartbeat stale.
        await host.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CodingDbContext>();
            var run = await db.Set<EvalRun>().SingleAsync(r => r.Id == queued.Id);
            (run.Status, run.Attempts, run.StartedAt, run.HeartbeatAt, run.DocumentsDone) = (EvalRunStatus.Running, 1, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(-10), 2);
            foreach (var doc in new[] { "SMOKE-1", "SMOKE-2" })
            {
                db.Set<EvalRunDocument>().Add(new EvalRunDocument { RunId = run.Id, Document = doc });
                // A marker the resumed run must keep: it proves the document was not coded again.
                db.Set<EvalRunCode>().Add(new EvalRunCode { RunId = run.Id, Document = doc, Code = "Z000", Score = 0.99, Rank = 1 });
            }
            return await db.SaveChangesAsync();
        });

        await RunPendingAsync();

        var resumed = await ReadAsync(queued.Id);
        Assert.Equal(EvalRunStatus.Succeeded, resumed.Status);
        Assert.Equal((6, 6, 2), (resumed.DocumentsTotal, resumed.DocumentsDone, resumed.Attempts));
        var codes = await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRunCode>().AsNoTracking().Where(c => c.RunId == queued.Id).ToListAsync());
        Assert.Equal(["Z000"], codes.Where(c => c.Document == "SMOKE-1").Select(c => c.Code).ToList());
        Assert.Contains(codes, c => c.Document == "SMOKE-3" && c.Code == "I10" && c.Gold && c.Rank is not null);
    }

    [Fact]
    public async Task a_fresh_running_run_is_left_to_its_host()
    {
        var queued = await QueueAsync("cdi-smoke");
        await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRun>().Where(r => r.Id == queued.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, EvalRunStatus.Running).SetProperty(r => r.HeartbeatAt, DateTimeOffset.UtcNow)));

        Assert.Null(await host.WithAsync(sp => sp.GetRequiredService<EvalRunner>().ClaimAsync(default)));
        Assert.Equal(EvalRunStatus.Running, (await ReadAsync(queued.Id)).Status);
        await host.WithAsync(sp => sp.GetRequiredService<CodingDbContext>().Set<EvalRun>().Where(r => r.Id == queued.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, EvalRunStatus.Failed)));
    }

    [Fact]
    public async Task a_gold_set_that_is_not_configured_is_refused_and_an_unreadable_one_fails_the_run_with_its_reason()
    {
        await Assert.ThrowsAsync<GoldSetUnavailableException>(() => QueueAsync("../../etc/passwd"));

        var queued = await QueueAsync("missing");
        await RunPendingAsync();

        var run = await ReadAsync(queued.Id);
        Assert.Equal(EvalRunStatus.Failed, run.Status);
        Assert.StartsWith("gold set 'missing' (jsonl) cannot be read: FileNotFoundException", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task two_runs_of_the_same_engine_on_the_same_gold_set_compare_as_equal()
    {
        var a = await QueueAsync("cdi-smoke");
        var b = await QueueAsync("cdi-smoke");
        await RunPendingAsync();

        var comparison = await host.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CodingDbContext>();
            async Task<EvalRunResults> Load(Guid id, double threshold) => EvalRunResults.From(
                await db.Set<EvalRunDocument>().Where(d => d.RunId == id).Select(d => d.Document).ToListAsync(),
                await db.Set<EvalRunCode>().Where(c => c.RunId == id).ToListAsync(), threshold);
            return EvalRunComparison.Compare(await Load(a.Id, (await ReadAsync(a.Id)).Threshold!.Value), await Load(b.Id, (await ReadAsync(b.Id)).Threshold!.Value));
        });

        Assert.Equal(6, comparison.Documents);
        Assert.Equal((0, 0), (comparison.GainedTotal, comparison.LostTotal));
        Assert.All(comparison.Chapters, c => Assert.Equal(0, c.Delta, 9));
        Assert.Equal(comparison.FullA, comparison.FullB);
    }
}
