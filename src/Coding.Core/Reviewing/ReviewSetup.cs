using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coding.Core.Reviewing;

public static class ReviewSetup
{
    /// <summary>Claims, the review queue and review decisions (options "Review", validated on start).</summary>
    public static IHostApplicationBuilder AddReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The identifier systems the FHIR export writes (and a site's other FHIR systems read).
        builder.Services.AddOptions<Fhir.FhirIdentifierSystems>().BindConfiguration("Fhir").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ClaimService>();
        builder.Services.AddScoped<ReviewQueue>();
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddScoped<HoldService>();
        return builder;
    }
}
