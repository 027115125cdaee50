using System.CommandLine;
using Coding.Core.Data;
using Coding.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show how many encounters are waiting, coded or failed");
        command.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var s = await PipelineSnapshot.ReadAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), null, ct);
            Console.WriteLine($"encounters: {s.Total} (waiting {s.Received}, coded {s.Coded}, failed {s.Failed})");
            Console.WriteLine($"outbox: {s.OutboxPending} pending, {s.OutboxStuck} stuck");
            foreach (var (reason, count) in s.FailureReasons)
                Console.WriteLine($"  failed: {reason} × {count}");
            return 0;
        });
        return command;
    }
}
