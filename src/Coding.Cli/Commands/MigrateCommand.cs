using System.CommandLine;
using Coding.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema (as ConnectionStrings:CodingOwner when set) and grant the app's login its rights");
        command.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            await Database.MigrateAsync(scope.ServiceProvider, ct);
            Console.WriteLine("schema is up to date");
            return 0;
        });
        return command;
    }
}
