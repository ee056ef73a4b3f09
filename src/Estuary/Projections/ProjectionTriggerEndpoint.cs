using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// The endpoint of a triggered projection (<see cref="AsynchronousAttribute"/> on a
/// <see cref="ProjectionAttribute"/> class): a message-less command on the projection's channel,
/// reached by <see cref="ProjectionDefinition.TriggerRoutingKey"/>. A trigger carries nothing but the
/// wish that the projection run: handling it runs one batch from the projection's committed position,
/// in the delivery's unit of work, so a failing batch is retried and dead-lettered like any message.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ProjectionTriggerEndpoint : RequestEndpoint<object, Nothing>
{
    /// <summary>Describes the trigger endpoint of <paramref name="projection"/>, declared in module <paramref name="moduleName"/>.</summary>
    public ProjectionTriggerEndpoint(ProjectionDefinition projection, string moduleName, AsynchronousDescription asynchronous)
        : base(new EndpointDescription(
            EndpointKind.Command,
            projection.TriggerRoutingKey,
            projection.TriggerRoutingKey,
            moduleName,
            projection.TriggerRoutingKey,
            IsSynchronous: false,
            HasPayload: false,
            Asynchronous: asynchronous))
    {
        Projection = projection;
    }

    /// <summary>The projection it runs.</summary>
    public ProjectionDefinition Projection { get; }

    /// <inheritdoc />
    public override async ValueTask<Nothing> InvokeAsync(object request, MessageContext context)
    {
        var projections = (EstuaryProjections)context.Runtime.RootServices.GetService(typeof(EstuaryProjections))!;
        await projections.RunTriggeredAsync(Projection, context.CancellationToken).ConfigureAwait(false);
        return default;
    }
}
