using Estuary;

// Names the module that the generator builds from this assembly's handlers: WorkerModule, in the
// project's root namespace. Without this line it is named after the assembly (Billing gives BillingModule).
[assembly: EstuaryModule("Worker")]
