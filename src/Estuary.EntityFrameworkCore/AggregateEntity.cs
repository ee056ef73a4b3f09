using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Estuary.EntityFrameworkCore;

/// <summary>
/// What the repository needs from the model about one aggregate entity, read once and checked with
/// errors that say what to add: its primary key (with a parser per key property), its version
/// property and a name for errors.
/// </summary>
internal sealed class AggregateEntity
{
    // Several identifiers arrive joined with '|' (AggregateRuntime.Id); keys are split the same way.
    private const char Separator = '|';

    private readonly IReadOnlyList<IProperty> _keys;
    private readonly Func<string, object>[] _parsers;

    private AggregateEntity(string name, IReadOnlyList<IProperty> keys, Func<string, object>[] parsers)
    {
        Name = name;
        _keys = keys;
        _parsers = parsers;
    }

    /// <summary>The table (or, for an entity without one, the entity type), as named in <see cref="ConcurrencyException"/>.</summary>
    public string Name { get; }

    /// <summary>Reads the model of <paramref name="context"/> for <typeparamref name="TAggregate"/>, or throws saying what is missing.</summary>
    [RequiresDynamicCode(EntityFrameworkAot.Reason)]
    [RequiresUnreferencedCode(EntityFrameworkAot.Reason)]
    public static AggregateEntity Read<TAggregate>(DbContext context)
        where TAggregate : class
    {
        var type = typeof(TAggregate);
        var contextName = context.GetType().Name;
        var entity = context.Model.FindEntityType(type) ?? throw new InvalidOperationException(
            $"{type.FullName} is not an entity type of {contextName}, so it cannot be stored with EF Core. Map it in {contextName}.OnModelCreating: "
            + $"modelBuilder.Entity<{type.Name}>().HasAggregateVersion(); or register another IAggregateRepository<{type.Name}>.");

        var version = entity.FindProperty(AggregateVersionExtensions.VersionProperty);
        if (version is null || version.ClrType != typeof(long) || !version.IsConcurrencyToken)
        {
            var found = version is null ? "has no version property" : $"has a property '{version.Name}' that is not a long concurrency token";
            throw new InvalidOperationException(
                $"Entity type {type.Name} of {contextName} {found}, so saves could not detect concurrent changes. "
                + $"Add it in {contextName}.OnModelCreating: modelBuilder.Entity<{type.Name}>().HasAggregateVersion().");
        }

        var key = entity.FindPrimaryKey() ?? throw new InvalidOperationException(
            $"Entity type {type.Name} of {contextName} has no primary key, so an aggregate identifier cannot find its row. Configure one with HasKey, "
            + "on the members marked [Identifier], in the same order.");

        var parsers = new Func<string, object>[key.Properties.Count];
        for (var i = 0; i < parsers.Length; i++)
        {
            var property = key.Properties[i];
            parsers[i] = KeyText.ParserFor(property.ClrType) ?? throw new NotSupportedException(
                $"The key of entity type {type.Name} has property '{property.Name}' of type {property.ClrType.Name}, which an aggregate identifier (text) cannot be converted to. "
                + $"Use keys of type {KeyText.Supported}, or register your own IAggregateRepository<{type.Name}>.");
        }

        return new AggregateEntity(entity.GetTableName() ?? entity.DisplayName(), key.Properties, parsers);
    }

    /// <summary>The primary key values <paramref name="id"/> stands for, in key order.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> has another number of parts than the key, or a part that does not parse.</exception>
    public object[] Key(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);

        // A single key takes the whole text: a string key may contain the separator.
        var parts = _parsers.Length == 1 ? [id] : id.Split(Separator);
        if (parts.Length != _parsers.Length)
        {
            throw new ArgumentException(
                $"Identifier '{id}' of {Name} has {parts.Length} part(s) separated by '{Separator}', but the key has {_parsers.Length} ({KeyNames}). "
                + "A composite key lists the [Identifier] members in the order of HasKey.",
                nameof(id));
        }

        var values = new object[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            try
            {
                values[i] = _parsers[i](parts[i]);
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
            {
                throw new ArgumentException(
                    $"Identifier '{id}' of {Name}: '{parts[i]}' is not a valid {_keys[i].ClrType.Name} for key property '{_keys[i].Name}' ({exception.Message})",
                    nameof(id),
                    exception);
            }
        }

        return values;
    }

    /// <summary>Throws unless the key of the tracked aggregate is the one <paramref name="id"/> names, so nothing is saved under another row.</summary>
    public void CheckKey(EntityEntry entry, object[] key, string id)
    {
        for (var i = 0; i < _keys.Count; i++)
        {
            var current = entry.Property(_keys[i].Name).CurrentValue;
            if (!Equals(current, key[i]))
            {
                throw new InvalidOperationException(
                    $"The aggregate to save as '{id}' in {Name} has {_keys[i].Name} = '{current}', not '{key[i]}'. "
                    + "Its key must be the identifier it is saved under: set the [Identifier] members before saving, and do not let the database generate the key.");
            }
        }
    }

    private string KeyNames => string.Join(", ", _keys.Select(static key => key.Name));
}
