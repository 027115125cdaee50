using System.CommandLine;
using Coding.Core.Ingest;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

internal static class DeadLettersCommand
{
    public static Command Create()
    {
        var queue = new Option<string>("--queue") { Description = "Work queue whose _error and _skipped queues to read", DefaultValueFactory = _ => SuggestionService.ConsumerName };
        var max = new Option<int>("--max") { Description = "At most this many letters listed (per queue) or moved", DefaultValueFactory = _ => 1000 };
        var redrive = new Option<bool>("--redrive") { Description = "Move the _error queue's letters back to the work queue (after the cause is fixed), each at most once" };
        var transientOnly = new Option<bool>("--transient-only") { Description = "With --redrive: only letters of transient infrastructure faults" };
        var command = new Command("dead-letters", "List the messages that failed for good or were skipped, with counts and reasons, or re-drive them")
        {
            queue, max, redrive, transientOnly,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var uri = host.Services.GetRequiredService<IConfiguration>()["Messaging:RabbitMqUri"]
                ?? throw new InvalidOperationException("Messaging:RabbitMqUri is not configured (run `eval \"$(scripts/infra.sh env)\"`).");
            var name = parse.GetValue(queue)!;
            if (parse.GetValue(redrive))
            {
                var only = parse.GetValue(transientOnly);
                var run = await DeadLetters.RedriveAsync(new Uri(uri), name, parse.GetValue(max), l => !only || l.IsTransient, ct);
                // Exact numbers: the queue's count was taken before reading, and no letter is read twice in one run.
                Console.WriteLine($"{run.Queue}: {run.Snapshot} letter(s) at the start, {run.Moved.Count} re-driven to {name}, {run.Left} left");
                return 0;
            }
            var queues = await DeadLetters.QueuesAsync(new Uri(uri), name, ct);
            if (queues.Count == 0)
                Console.WriteLine($"no {name}{DeadLetters.ErrorSuffix} or {name}{DeadLetters.SkippedSuffix} queue: nothing has failed or been skipped");
            foreach (var q in queues)
            {
                Console.WriteLine($"{q.Name}: {q.Count} letter(s)");
                var letters = await DeadLetters.PeekQueueAsync(new Uri(uri), q.Name, parse.GetValue(max), ct);
                foreach (var reason in letters.GroupBy(l => (Type: l.ExceptionType?.Split('.')[^1], l.Reason)).OrderByDescending(g => g.Count()))
                    Console.WriteLine($"  {reason.Count(),6} × {Describe(reason.Key.Type, reason.Key.Reason)}");
                foreach (var l in letters)
                    Console.WriteLine($"  {l.FaultedAt:u}  {Echo.Quote(l.MessageId, 40)}  {(l.IsTransient ? "transient" : "permanent")}  {l.EncounterId}{(l.Redriven > 0 ? $"  re-driven {l.Redriven}x" : "")}");
            }
            return 0;
        });
        return command;
    }

    // Reasons come from headers a sender could set (a letter can be put on the queue by anyone with access): escaped.
    private static string Describe(string? type, string? reason) =>
        type is null ? Echo.Quote(reason, 120) : $"{Echo.Quote(type, 60)}: {Echo.Quote(reason, 200)}";
}
