using Coding.Core;
using Coding.Core.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Coding.Cli;

/// <summary>The services a CLI command needs, configured like the worker (appsettings.json beside the binary + environment).</summary>
internal static class CliHost
{
    public static IHost Build(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The benchmark points a host at a scratch database without touching the environment.
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddCodingCore();
        builder.AddSuggestionEngine();
        return builder.Build();
    }
}
