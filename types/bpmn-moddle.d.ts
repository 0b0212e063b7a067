declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(
      xml: string,
      typeName?: string,
      options?: Record<string, unknown>,
    ): Promise<{
      rootElement: any;
      references: any[];
      warnings: Array<{ message: string; element?: any; property?: string; error?: Error }>;
      elementsById: Record<string, any>;
    }>;
  }
}
