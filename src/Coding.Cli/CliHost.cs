using Coding.Core;
using Microsoft.Extensions.Hosting;

namespace Coding.Cli;

/// <summary>The services a CLI command needs, configured like the worker (appsettings.json beside the binary + environment).</summary>
internal static class CliHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddCodingCore();
        return builder.Build();
    }
}
