/** A location in a parsed JSON value: property names and array indexes from the root. */
export type JsonPath = (string | number)[];
