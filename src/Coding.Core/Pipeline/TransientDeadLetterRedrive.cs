using System.Text.Json;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Options;

namespace Coding.Core.Pipeline;

/// <summary>
/// Puts letters that dead-lettered for transient reasons (database or broker unreachable past every retry) back on the
/// work queue, each with an <c>deadletter.redriven</c> audit row, so nobody has to run <c>coding dead-letters --redrive</c>
/// after an outage. Permanent faults stay where they are, with their reasons, for an operator, and so does a transient
/// letter already moved <see cref="RedriveOptions.MaxTransientRedrives"/> times: its fault follows the message.
/// </summary>
/// <remarks>
/// Runs from the re-drive job right after a run that reached the database (so the cause is gone, at least for now)
/// and held the advisory lock (so one host moves letters at a time). Letters are moved before their audit rows are
/// written: a crash in between loses audit rows, never letters; a letter that fails again waits for the next run. The
/// message id comes from the letter (anyone who can write to the queue sets it), so the detail is serialized, not spliced.
/// </remarks>
public sealed class TransientDeadLetterRedrive(CodingDbContext db, IOptions<MessagingOptions> messaging, IOptions<RedriveOptions> options, TimeProvider clock)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var max = options.Value.MaxTransientRedrives;
        var result = await DeadLetters.RedriveAsync(messaging.Value.RabbitMqUri!, SuggestionService.ConsumerName, options.Value.BatchSize,
            l => l.IsTransient && l.Redriven < max, ct);
        if (result.Moved.Count == 0)
            return 0;
        foreach (var letter in result.Moved)
        {
            db.Record(Actor.Worker, "deadletter.redriven", letter.EncounterId is null ? "Message" : "Encounter", (object?)letter.EncounterId ?? letter.MessageId ?? "unknown",
                detail: JsonSerializer.Serialize(new { messageId = letter.MessageId, queue = result.Queue, cause = "transient", redrive = letter.Redriven + 1 }), clock: clock);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return result.Moved.Count;
    }
}
