// Minimal typings for the part of jstat the sweep uses (jstat ships no types).
declare module 'jstat' {
  interface JStatStatic {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
  }
  const jStat: JStatStatic & { jStat: JStatStatic };
  export default jStat;
}
