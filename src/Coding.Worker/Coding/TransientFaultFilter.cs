using Coding.Core.Messaging;
using MassTransit;

namespace Coding.Worker.Coding;

/// <summary>
/// Outside the retries: a transient fault that outlasted all of them leaves as <see cref="TransientInfrastructureException"/>,
/// so the dead letter says "transient" by its type (the re-drive job moves such letters back by themselves) and its
/// reason names exception types and SQLSTATE only — no message text from a driver that might quote a parameter.
/// </summary>
internal sealed class TransientFaultFilter : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (e is not TransientInfrastructureException && !context.CancellationToken.IsCancellationRequested && TransientFaults.IsTransient(e))
        {
            throw new TransientInfrastructureException(TransientFaults.Describe(e));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("transientFaults");
}
