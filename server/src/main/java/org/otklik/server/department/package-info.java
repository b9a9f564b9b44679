/** Departments: the queues conversations wait in and the skills agents have (payments, access, violations, other). */
@org.springframework.modulith.ApplicationModule(displayName = "Departments")
package org.otklik.server.department;
