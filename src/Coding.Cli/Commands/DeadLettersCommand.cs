using System.CommandLine;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

internal static class DeadLettersCommand
{
    public static Command Create()
    {
        var queue = new Option<string>("--queue") { Description = "Work queue whose _error queue to read", DefaultValueFactory = _ => SuggestionService.ConsumerName };
        var max = new Option<int>("--max") { Description = "At most this many messages", DefaultValueFactory = _ => 1000 };
        var redrive = new Option<bool>("--redrive") { Description = "Move them back to the work queue (after the cause is fixed)" };
        var command = new Command("dead-letters", "List the messages that failed for good, with their reasons, or re-drive them") { queue, max, redrive };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            var uri = host.Services.GetRequiredService<IConfiguration>()["Messaging:RabbitMqUri"]
                ?? throw new InvalidOperationException("Messaging:RabbitMqUri is not configured (run `eval \"$(scripts/infra.sh env)\"`).");
            var name = parse.GetValue(queue)!;
            if (parse.GetValue(redrive))
            {
                Console.WriteLine($"re-drove {await DeadLetters.RedriveAsync(new Uri(uri), name, parse.GetValue(max), ct)} message(s) to {name}");
                return 0;
            }
            var letters = await DeadLetters.PeekAsync(new Uri(uri), name, parse.GetValue(max), ct);
            foreach (var l in letters)
                Console.WriteLine($"{l.FaultedAt:u}  {l.MessageId}  {l.ExceptionType?.Split('.')[^1]}: {l.Reason}");
            Console.WriteLine($"{letters.Count} dead letter(s) in {name}_error");
            return 0;
        });
        return command;
    }
}
