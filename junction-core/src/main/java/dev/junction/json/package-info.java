/** JSON plumbing shared by the dialects: one configured mapper and strict field readers. */
package dev.junction.json;
