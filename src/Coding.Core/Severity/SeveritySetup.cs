using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coding.Core.Severity;

public static class SeveritySetup
{
    /// <summary>CC/MCC and HCC lists: their importer (schema owner) and the lookup that grades encounters.</summary>
    public static IHostApplicationBuilder AddSeverity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SeverityImporter>();
        builder.Services.AddScoped<SeverityLookup>();
        return builder;
    }
}
