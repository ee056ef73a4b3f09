using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.EntityFrameworkCore;

/// <summary>Stores chosen aggregates with EF Core instead of the document store.</summary>
public static class EntityFrameworkEstuaryBuilderExtensions
{
    /// <summary>
    /// Stores <typeparamref name="TAggregate"/> as an entity of <typeparamref name="TContext"/>
    /// (see <see cref="EntityFrameworkAggregateRepository{TContext, TAggregate}"/>); other aggregates keep
    /// the document store. Register the context factory yourself:
    /// <code>
    /// services.AddDbContextFactory&lt;ShopContext&gt;(options => options.UseNpgsql(connectionString));
    /// services.AddEstuary(estuary => estuary
    ///     .AddModule&lt;ShopModule&gt;()
    ///     .UsePostgres(connectionString)
    ///     .UseEntityFrameworkRepository&lt;ShopContext, Order&gt;());
    /// </code>
    /// </summary>
    [RequiresDynamicCode(EntityFrameworkAot.Reason)]
    [RequiresUnreferencedCode(EntityFrameworkAot.Reason)]
    public static EstuaryBuilder UseEntityFrameworkRepository<TContext, TAggregate>(this EstuaryBuilder builder)
        where TContext : DbContext
        where TAggregate : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEntityFrameworkAggregateRepository<TContext, TAggregate>();
        return builder;
    }

    /// <summary>
    /// Registers <see cref="EntityFrameworkAggregateRepository{TContext, TAggregate}"/> as the
    /// <see cref="IAggregateRepository{TAggregate}"/>, before or after <c>AddEstuary</c>: it replaces the
    /// document-store repository the generated module would register for <typeparamref name="TAggregate"/>.
    /// </summary>
    [RequiresDynamicCode(EntityFrameworkAot.Reason)]
    [RequiresUnreferencedCode(EntityFrameworkAot.Reason)]
    public static IServiceCollection AddEntityFrameworkAggregateRepository<TContext, TAggregate>(this IServiceCollection services)
        where TContext : DbContext
        where TAggregate : class
    {
        ArgumentNullException.ThrowIfNull(services);

        // A plain add: generated modules use TryAdd, so this wins whether it comes first or last.
        services.AddSingleton<IAggregateRepository<TAggregate>>(static provider => new EntityFrameworkAggregateRepository<TContext, TAggregate>(
            provider.GetService<IDbContextFactory<TContext>>() ?? throw new InvalidOperationException(
                $"The EF Core repository of {typeof(TAggregate).Name} needs IDbContextFactory<{typeof(TContext).Name}>, which is not registered. "
                + $"Add services.AddDbContextFactory<{typeof(TContext).Name}>(options => options.UseNpgsql(connectionString)).")));
        return services;
    }
}
