using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>
/// An engine that breaks the output invariants (here: an evidence span past the end of the note), behind the real
/// worker and queue: nothing is stored, the encounter fails with <c>engine-output-invalid</c>, and the message
/// dead-letters at once (no retry can fix an engine bug) with the guard's reason.
/// </summary>
public sealed class when_the_engine_returns_bad_output(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private sealed class SpanPastTheNoteEngine : ISuggestionEngine
    {
        public string Name => "broken";
        public string Version => "0";

        public Task<EngineResult> SuggestAsync(EncounterNote note, CancellationToken ct) =>
            Task.FromResult(new EngineResult("2026",
            [
                new SuggestionDraft(CodeSystem.Icd10Cm, "I10", "2026", "Essential (primary) hypertension", 0.9,
                    [new SpanDraft(0, note.Text.Length + 10, null)], "{}"),
            ]));
    }

    [Fact]
    public async Task the_message_is_dead_lettered_with_the_guards_reason_and_nothing_is_stored()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "BROKEN"))).Single();
        using var worker = harness.CreateWorker(services => services.AddSingleton<ISuggestionEngine>(new SpanPastTheNoteEngine()));
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default)).Count == 1,
            TimeSpan.FromSeconds(30), "one dead letter");
        await worker.StopAsync();

        var letter = Assert.Single(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default));
        Assert.Equal(typeof(InvalidEngineOutputException).FullName, letter.ExceptionType);
        Assert.StartsWith("Engine output rejected: ", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("Engine output rejected: suggestion 1 has an evidence span outside the note.", letter.Reason);   // no code, no offsets
        Assert.False(letter.IsTransient);
        var failed = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId));
        Assert.Equal((EncounterStatus.Failed, "engine-output-invalid"), (failed.Status, failed.FailureReason));
        Assert.Equal(0, await harness.QueryAsync(db => db.SuggestionSets.CountAsync()));
        Assert.Equal(0, await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == typeof(Coding.Contracts.CodesSuggested).FullName)));
    }
}
