using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Estuary.EntityFrameworkCore;

/// <summary>
/// Maps the version an <see cref="EntityFrameworkAggregateRepository{TContext, TAggregate}"/> compares
/// on every save: a <see langword="long"/> shadow property, so the aggregate class needs no member for it.
/// <code>
/// protected override void OnModelCreating(ModelBuilder modelBuilder) =>
///     modelBuilder.Entity&lt;Order&gt;().HasAggregateVersion();
/// </code>
/// </summary>
public static class AggregateVersionExtensions
{
    /// <summary>The name of the version property (a shadow property unless the entity declares one).</summary>
    public const string VersionProperty = "EstuaryVersion";

    /// <summary>
    /// Adds the aggregate version: a <see langword="long"/> concurrency token named <see cref="VersionProperty"/>,
    /// 1 when the aggregate is created and incremented by every save.
    /// </summary>
    /// <param name="builder">The aggregate's entity type.</param>
    /// <param name="columnName">The column, if not the one the model's conventions name.</param>
    public static EntityTypeBuilder<TAggregate> HasAggregateVersion<TAggregate>(this EntityTypeBuilder<TAggregate> builder, string? columnName = null)
        where TAggregate : class
    {
        HasAggregateVersion((EntityTypeBuilder)builder, columnName);
        return builder;
    }

    /// <inheritdoc cref="HasAggregateVersion{TAggregate}(EntityTypeBuilder{TAggregate}, string?)" />
    public static EntityTypeBuilder HasAggregateVersion(this EntityTypeBuilder builder, string? columnName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A concurrency token, so EF Core adds "AND version = <expected>" to every UPDATE and DELETE;
        // never generated, because the repository writes it itself.
        var version = builder.Property<long>(VersionProperty).IsConcurrencyToken().ValueGeneratedNever();
        if (columnName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(columnName);
            version.HasColumnName(columnName);
        }

        return builder;
    }
}
