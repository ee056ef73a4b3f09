using System;
using Estuary.FunctionalTests.Interception.Attributes;

namespace Estuary.FunctionalTests.Interception.Attributes
{
    public enum Severity
    {
        Low,
        High,
    }

    /// <summary>A user attribute with constructor and named arguments of several kinds.</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
    public sealed class AlertAttribute(string channel, Severity severity) : Attribute
    {
        public string Channel { get; } = channel;

        public Severity Severity { get; } = severity;

        public int Threshold { get; set; }

        public Type? Source { get; set; }

        public string[] Tags { get; set; } = [];

        public override string ToString() =>
            $"{Channel} {Severity} threshold={Threshold} source={Source?.Name ?? "none"} tags={string.Join(",", Tags)}";
    }

    public sealed record AlertingCommand(string Id);

    public sealed record ClassAlertCommand(string Id);

    public sealed record UnalertedCommand(string Id);

    public sealed class MethodAlertHandler(CallLog log)
    {
        [CommandHandler]
        [Alert("ops", Severity.High, Threshold = 3, Source = typeof(MethodAlertHandler), Tags = ["disk", "io"])]
        public void Handle(AlertingCommand command) => log.Add("alerting handler");

        [CommandHandler]
        public void Handle(UnalertedCommand command) => log.Add("unalerted handler");
    }

    [Alert("billing", Severity.Low)]
    public sealed class ClassAlertHandler(CallLog log)
    {
        [CommandHandler]
        public void Handle(ClassAlertCommand command) => log.Add("class alert handler");
    }
}

namespace Estuary.FunctionalTests.Interception
{
    public sealed class AlertInterceptor(CallLog log)
    {
        // The attribute parameter is the pointcut: only handlers carrying [Alert] are wrapped.
        [Before]
        public void Capture(object message, AlertAttribute alert) => log.Add($"alert {alert}");
    }
}
