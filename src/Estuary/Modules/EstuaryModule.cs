using System.Collections.Generic;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>
/// The generated description of one assembly's handlers: its endpoints, its message registry and
/// the services it needs. A host adds the modules it wants with
/// <c>services.AddEstuary(e => e.AddModule&lt;OrdersModule&gt;())</c>; nothing is discovered by scanning.
/// </summary>
public abstract class EstuaryModule
{
    /// <summary>The module's name, e.g. <c>OrdersModule</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The endpoints the module's handlers are wired to.</summary>
    public abstract IReadOnlyList<Endpoint> Endpoints { get; }

    /// <summary>The message types the module's handlers take.</summary>
    public abstract IReadOnlyList<MessageType> MessageTypes { get; }

    /// <summary>
    /// The System.Text.Json metadata the module's assembly declares (its <c>JsonSerializerContext</c>
    /// classes). The host combines them into <see cref="Runtime.EstuaryRuntime.Json"/>, which stores use
    /// to serialize documents and aggregates without reflection.
    /// </summary>
    public virtual IReadOnlyList<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver> JsonResolvers => [];

    /// <summary>The upcasters the module's assembly declares ([Upcaster] methods), applied to events stored at older revisions.</summary>
    public virtual IReadOnlyList<EventUpcaster> Upcasters => [];

    /// <summary>The module's <see cref="ProjectionAttribute"/> classes.</summary>
    public virtual IReadOnlyList<Runtime.ProjectionDefinition> Projections => [];

    /// <summary>Registers handler classes, interceptors and gateways the module needs (without replacing the user's registrations).</summary>
    public abstract void ConfigureServices(IServiceCollection services, EstuaryOptions options);

    /// <inheritdoc />
    public override string ToString() => Name;
}
